package io.meshcanary.local.support;

/** The AWS JSON-protocol services the runtime itself calls in moto, with how a request names them. */
public enum AwsJsonService {
    SQS("sqs", "AmazonSQS", "application/x-amz-json-1.0"),
    DYNAMODB("dynamodb", "DynamoDB_20120810", "application/x-amz-json-1.0"),
    EVENTS("events", "AWSEvents", "application/x-amz-json-1.1"),
    STATES("states", "AWSStepFunctions", "application/x-amz-json-1.0");

    private final String signingName;
    private final String targetPrefix;
    private final String contentType;

    AwsJsonService(String signingName, String targetPrefix, String contentType) {
        this.signingName = signingName;
        this.targetPrefix = targetPrefix;
        this.contentType = contentType;
    }

    String signingName() {
        return signingName;
    }

    String target(String operation) {
        return targetPrefix + "." + operation;
    }

    String contentType() {
        return contentType;
    }
}
