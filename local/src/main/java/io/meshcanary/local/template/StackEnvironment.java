package io.meshcanary.local.template;

import java.net.URI;

/**
 * Where the local stack lives: the values of the pseudo parameters, and the endpoint that the functions and
 * tests call (queue URLs point at it, as they would at the SQS endpoint in AWS).
 */
public record StackEnvironment(String stackName, String region, String accountId, URI endpoint) {

    public static final String LOCAL_ACCOUNT_ID = "123456789012";

    public String arn(String service, String resource) {
        return "arn:aws:%s:%s:%s:%s".formatted(service, region, accountId, resource);
    }

    /** Generated physical names follow the logical id, so that a test can tell which resource it is looking at. */
    public String physicalName(String logicalId) {
        return stackName + "-" + logicalId;
    }

    public String queueUrl(String queueName) {
        return "%s/%s/%s".formatted(endpoint.toString().replaceAll("/$", ""), accountId, queueName);
    }
}
