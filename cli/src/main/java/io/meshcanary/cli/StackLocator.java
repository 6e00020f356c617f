package io.meshcanary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;

/**
 * Finds the stack: against the local runtime from its state folder ({@code MESHCANARY_RUNTIME_DIR}, as
 * {@code local/bin/with-runtime} sets it), in an account from the named CloudFormation stack's outputs.
 */
final class StackLocator {

    static final String RUNTIME_DIR = "MESHCANARY_RUNTIME_DIR";
    private static final String RESOURCES_FILE = "resources.json";
    private static final String DEFAULT_SPEC_PREFIX = "/meshcanary";

    private StackLocator() {
    }

    static Stack locate(String stackName, Optional<String> region, Map<String, String> env) {
        String runtimeDir = env.get(RUNTIME_DIR);
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            return fromRuntime(Path.of(runtimeDir));
        }
        return fromOutputs(stackName, region.map(Region::of).orElseGet(StackLocator::defaultRegion));
    }

    /** The local runtime writes the template's resources and parameters to resources.json once it is ready. */
    static Stack fromRuntime(Path runtimeDir) {
        Path file = runtimeDir.resolve(RESOURCES_FILE);
        JsonNode state;
        try {
            state = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw CliException.badInput("cannot read %s (%s): %s names no running local runtime; start one with"
                    .formatted(file, e.getMessage(), RUNTIME_DIR) + " local/bin/with-runtime -- bin/meshcanary ...");
        }
        JsonNode resources = state.path("resources");
        JsonNode parameters = state.path("parameters");
        return new Stack("local runtime " + runtimeDir, state.path("region").asText(),
                parameters.path("ClusterName").asText(), parameters.path("SpecParameterPrefix").asText(
                        DEFAULT_SPEC_PREFIX),
                ref(resources, "RolloutTable", file), ref(resources, "CanaryStateMachine", file),
                ref(resources, "RolloutEventBus", file), ref(resources, "ResyncFunction", file));
    }

    private static String ref(JsonNode resources, String logicalId, Path file) {
        JsonNode ref = resources.path(logicalId).path("ref");
        if (!ref.isTextual()) {
            throw CliException.badInput("%s has no resource %s: the runtime runs another template; restart it"
                    .formatted(file, logicalId));
        }
        return ref.asText();
    }

    static Stack fromOutputs(String stackName, Region region) {
        Map<String, String> outputs = new HashMap<>();
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder().region(region)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            cloudFormation.describeStacks(request -> request.stackName(stackName)).stacks().getFirst().outputs()
                    .forEach((Output output) -> outputs.put(output.outputKey(), output.outputValue()));
        } catch (CloudFormationException e) {
            throw CliException.badInput("cannot read stack %s in %s: %s; name the stack with --stack and its region"
                    .formatted(stackName, region, e.awsErrorDetails().errorMessage()) + " with --region or AWS_REGION");
        }
        return new Stack(stackName, region.id(), output(outputs, stackName, "ClusterName"),
                output(outputs, stackName, "SpecParameterPrefix"), output(outputs, stackName, "RolloutTableName"),
                output(outputs, stackName, "CanaryStateMachineArn"), output(outputs, stackName, "RolloutEventBusName"),
                output(outputs, stackName, "ResyncFunctionName"));
    }

    private static String output(Map<String, String> outputs, String stackName, String key) {
        String value = outputs.get(key);
        if (value == null) {
            throw CliException.badInput("stack %s has no output %s: it was deployed from an older template.yaml;"
                    .formatted(stackName, key) + " redeploy it (sam build && sam deploy)");
        }
        return value;
    }

    private static Region defaultRegion() {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw CliException.badInput("no AWS region: pass --region, or set AWS_REGION or a profile's region");
        }
    }
}
