package io.meshcanary.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/**
 * What the Lambda runtime passes to an invocation of a function, for every host that is not Lambda: unit tests, the
 * cold-start bench and the local runtime. Powertools logging reads it; the remaining time counts down to a deadline.
 */
public final class LambdaContext implements Context {

    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int TEST_MEMORY_MB = 1024;

    private final String functionName;
    private final String functionArn;
    private final String requestId;
    private final int memoryMb;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    /** An invocation in a test: a fixed request ID, 30 s to run, and a logger that drops what it is given. */
    public LambdaContext(String functionName) {
        this(functionName, "arn:aws:lambda:us-east-1:123456789012:function:" + functionName,
                "3f1c6a2e-7b4d-4e8f-9a0b-1c2d3e4f5a6b", TEST_MEMORY_MB, System.nanoTime() + TEST_TIMEOUT.toNanos(),
                new SilentLogger());
    }

    /**
     * @param functionName as the stack names it, e.g. {@code meshcanary-RolloutStepsFunction}
     * @param deadlineNanos the {@link System#nanoTime()} at which the function's timeout ends the invocation
     */
    public LambdaContext(String functionName, String functionArn, String requestId, int memoryMb, long deadlineNanos,
            LambdaLogger logger) {
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.requestId = requestId;
        this.memoryMb = memoryMb;
        this.deadlineNanos = deadlineNanos;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + ProcessHandle.current().pid();
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    /** Lambda passes no identity unless a mobile SDK invoked the function. */
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
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** The handlers log through SLF4J, never through the runtime's logger. */
    private static final class SilentLogger implements LambdaLogger {

        @Override
        public void log(String message) {
        }

        @Override
        public void log(byte[] message) {
        }
    }
}
