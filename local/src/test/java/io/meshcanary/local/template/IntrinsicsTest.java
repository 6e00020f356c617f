package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntrinsicsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String TEMPLATE = """
            Parameters:
              Prefix:
                Type: String
                Default: /meshcanary
              Cluster:
                Type: String
                AllowedPattern: "^[a-z-]+$"
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Named:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName:
                    Fn::Sub: ${Cluster}-named.fifo
                  FifoQueue: true
              Table:
                Type: AWS::DynamoDB::Table
              Function:
                Type: AWS::Serverless::Function
              Bus:
                Type: AWS::Events::EventBus
                Properties:
                  Name: rollouts
              Role:
                Type: AWS::IAM::Role
            """;

    @TempDir
    Path dir;

    private Intrinsics intrinsics;

    @BeforeEach
    void createStack() {
        intrinsics = Templates.stack(Templates.fromYaml(dir, TEMPLATE), Map.of("Cluster", "prod")).intrinsics();
    }

    @Test
    void refOfAParameterIsItsValueOrDefault() {
        assertThat(resolve("Ref: Prefix")).isEqualTo("/meshcanary");
        assertThat(resolve("Ref: Cluster")).isEqualTo("prod");
    }

    @Test
    void refOfAResourceIsWhatCloudFormationReturns() {
        assertThat(resolve("Ref: Queue")).isEqualTo("http://localhost:4566/123456789012/meshcanary-Queue");
        assertThat(resolve("Ref: Table")).isEqualTo("meshcanary-Table");
        assertThat(resolve("Ref: Function")).isEqualTo("meshcanary-Function");
        assertThat(resolve("Ref: Bus")).isEqualTo("rollouts");
    }

    @Test
    void explicitNamesAreResolvedWithParameters() {
        assertThat(resolve("Ref: Named")).isEqualTo("http://localhost:4566/123456789012/prod-named.fifo");
    }

    @Test
    void getAttReturnsArns() {
        assertThat(resolve("Fn::GetAtt: [Queue, Arn]"))
                .isEqualTo("arn:aws:sqs:us-east-1:123456789012:meshcanary-Queue");
        assertThat(resolve("Fn::GetAtt: Table.Arn"))
                .isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/meshcanary-Table");
        assertThat(resolve("Fn::GetAtt: [Function, Arn]"))
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:meshcanary-Function");
    }

    @Test
    void subReplacesParametersPseudoParametersResourcesAndVariables() {
        assertThat(resolve("Fn::Sub: arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter"
                + "${Prefix}/${Cluster}/*"))
                .isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/meshcanary/prod/*");
        assertThat(resolve("Fn::Sub: ${Table.Arn}/index/*")).endsWith("table/meshcanary-Table/index/*");
        assertThat(resolve("Fn::Sub: [\"${Name}-${!Literal}\", {Name: {Ref: Table}}]"))
                .isEqualTo("meshcanary-Table-${Literal}");
    }

    @Test
    void resolvesInsideMappingsAndLists() throws IOException {
        JsonNode resolved = intrinsics.resolve(YAML.readTree("""
                Variables:
                  QUEUE: {Ref: Queue}
                  ARNS: [{Fn::GetAtt: [Queue, Arn]}, plain]
                """), "Environment");

        assertThat(resolved.path("Variables").path("QUEUE").asText()).endsWith("/meshcanary-Queue");
        assertThat(resolved.path("Variables").path("ARNS").get(1).asText()).isEqualTo("plain");
    }

    @Test
    void unsupportedIntrinsicFailsWithItsPath() {
        assertThatThrownBy(() -> resolve("Fn::Join: [\"-\", [a, b]]"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Value.Fn::Join: Fn::Join is not supported by the local runtime"
                        + " (it resolves Ref, Fn::GetAtt and Fn::Sub)");
    }

    @Test
    void referenceToAResourceThatIsNotEmulatedFails() {
        assertThatThrownBy(() -> resolve("Fn::GetAtt: [Role, Arn]"))
                .hasMessageContaining("Role (AWS::IAM::Role) is not emulated by the local runtime");
    }

    @Test
    void referenceToNothingFails() {
        assertThatThrownBy(() -> resolve("Fn::Sub: ${Missing}"))
                .hasMessageContaining("Missing is neither a parameter nor a resource");
    }

    @Test
    void unknownAttributeFailsNamingTheKnownOnes() {
        assertThatThrownBy(() -> resolve("Fn::GetAtt: [Table, StreamArn]"))
                .hasMessageContaining("Table has no attribute StreamArn locally (it has [Arn])");
    }

    @Test
    void parameterWithoutValueFailsNamingAllOfThem() {
        Template template = Templates.fromYaml(dir, TEMPLATE);

        assertThatThrownBy(() -> Templates.stack(template, Map.of()))
                .hasMessageContaining("parameters without a default need a value")
                .hasMessageContaining("Cluster");
    }

    @Test
    void parameterValueMustMatchItsPattern() {
        Template template = Templates.fromYaml(dir, TEMPLATE);

        assertThatThrownBy(() -> Templates.stack(template, Map.of("Cluster", "Prod_1")))
                .hasMessage("parameter Cluster: 'Prod_1' does not match ^[a-z-]+$");
    }

    @Test
    void valueForAnUndeclaredParameterFails() {
        Template template = Templates.fromYaml(dir, TEMPLATE);

        assertThatThrownBy(() -> Templates.stack(template, Map.of("Cluster", "prod", "Typo", "x")))
                .hasMessageContaining("parameter Typo, which the template does not declare");
    }

    private String resolve(String yaml) {
        try {
            return intrinsics.resolveText(YAML.readTree(yaml), "Value");
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
