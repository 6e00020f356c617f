package io.meshcanary.local;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS variables of every process the runtime starts: the functions, moto and the command under test. Other
 * AWS_ variables of the caller (a profile, a session token, a per-service endpoint) are removed, so that nothing
 * started by the runtime can reach a real account.
 */
final class AwsEnvironment {
    static final String TEST_CREDENTIAL = "test";

    private AwsEnvironment() {
    }

    static Map<String, String> variables(URI endpoint, String region) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_ENDPOINT_URL", endpoint.toString());
        variables.put("AWS_REGION", region);
        // Python's botocore reads the region from AWS_DEFAULT_REGION only.
        variables.put("AWS_DEFAULT_REGION", region);
        variables.put("AWS_ACCESS_KEY_ID", TEST_CREDENTIAL);
        variables.put("AWS_SECRET_ACCESS_KEY", TEST_CREDENTIAL);
        return variables;
    }

    static void replaceAwsVariables(Map<String, String> environment, Map<String, String> awsVariables) {
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.putAll(awsVariables);
    }
}
