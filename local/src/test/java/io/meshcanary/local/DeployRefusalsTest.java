package io.meshcanary.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.meshcanary.local.template.TemplateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * What CloudFormation refuses and moto does not, refused by the runtime's deploy before anything is created: a
 * parameter value outside AllowedValues or not matching AllowedPattern, a value for an undeclared parameter, no
 * value for a parameter without a default, and (a local limit) a role with a managed policy whose statements the
 * runtime cannot know.
 */
@Tag("runtime")
class DeployRefusalsTest {
    private static final String REFUSED = "refused";
    /** The values local/runtime.properties gives the parameters without a default. */
    private static final Map<String, String> STACK = Map.of("ClusterName", "shop", "MeshName", "shop-mesh",
            "CloudMapNamespaceId", "ns-shop0000000000");

    @TempDir
    Path dir;

    @Test
    void aValueOutsideAllowedValuesIsRefused() throws IOException {
        assertRefused(with("EnableAppMesh", "yes"), unchanged(),
                "parameter EnableAppMesh: 'yes' is not one of ['true', 'false']");
    }

    @Test
    void aValueNotMatchingAllowedPatternIsRefused() throws IOException {
        assertRefused(with("LatticeServiceId", "service-1"), unchanged(),
                "parameter LatticeServiceId: 'service-1' does not match ^(svc-[0-9a-z]+)?$");
    }

    @Test
    void aValueForAnUndeclaredParameterIsRefused() throws IOException {
        assertRefused(with("ClusterNmae", "shop"), unchanged(),
                "a value was given for parameter ClusterNmae, which the template does not declare");
    }

    @Test
    void parametersWithoutADefaultNeedAValue() throws IOException {
        Map<String, String> parameters = new HashMap<>(STACK);
        parameters.remove("ClusterName");

        assertRefused(parameters, unchanged(), "parameters without a default need a value (local/runtime.properties"
                + " or --param Name=Value): ClusterName");
    }

    @Test
    void aRoleWithAManagedPolicyOtherThanSamsLogsAndTracesIsRefused() throws IOException {
        Path template = TemplateCopy.of(dir, copy -> ((ArrayNode) copy.path("Resources").path("NodeRegistryFunction")
                .path("Properties").path("Policies")).add("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));

        assertRefused(STACK, template, "NodeRegistryFunctionRole.ManagedPolicyArns: only inline policies and SAM's"
                + " policy templates are evaluated locally, not the managed policy"
                + " \"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"");
    }

    private Path unchanged() throws IOException {
        return TemplateCopy.of(dir, copy -> { });
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> parameters = new HashMap<>(STACK);
        parameters.put(name, value);
        return parameters;
    }

    /**
     * The deploy fails naming the problem, and creates nothing: moto has no function of a refused stack. CloudFormation
     * names a function it creates without a FunctionName {@code <stack>-<logical id>-<suffix>}, and every stack here is
     * named refused and a number, so this holds while other classes deploy stacks of their own into the shared moto.
     */
    private static void assertRefused(Map<String, String> parameters, Path template, String message) {
        assertThatThrownBy(() -> TestStacks.deploy(template, parameters, REFUSED))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(message);
        assertThat(functionsOfRefusedStacks()).isEmpty();
    }

    private static List<String> functionsOfRefusedStacks() {
        try (LambdaClient lambda = TestRuntimes.client(TestStacks.endpoint(), LambdaClient.builder())) {
            return lambda.listFunctionsPaginator().functions().stream().map(FunctionConfiguration::functionName)
                    .filter(name -> name.startsWith(REFUSED)).toList();
        }
    }
}
