package io.meshcanary.functions.noderegistry;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** What the Lambda runtime passes to an invocation of the node registry function; Powertools logging reads it. */
final class TestContext implements Context {

    @Override
    public String getAwsRequestId() {
        return "3f1c6a2e-7b4d-4e8f-9a0b-1c2d3e4f5a6b";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/meshcanary-NodeRegistryFunction";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/20/[$LATEST]0123456789abcdef0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "meshcanary-NodeRegistryFunction";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:meshcanary-NodeRegistryFunction";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    /** The handler logs through SLF4J, never through the runtime's logger. */
    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
            }

            @Override
            public void log(byte[] message) {
            }
        };
    }
}
