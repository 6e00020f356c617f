package io.meshcanary.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/**
 * What the Lambda runtime passes to an invocation of a function; Powertools logging reads it. The one fake context:
 * the handlers' unit tests, the bench and the local runtime's function host (hence the demo and the emulator tests)
 * all pass this one.
 */
public final class TestContext implements Context {

    private static final String ACCOUNT_ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(30);

    private final String functionName;
    private final String functionArn;
    private final String requestId;
    private final String logStream;
    private final int memoryMb;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    public TestContext() {
        this("meshcanary-NodeRegistryFunction");
    }

    /** @param functionName as the stack names it, e.g. {@code meshcanary-RolloutStepsFunction} */
    public TestContext(String functionName) {
        this(functionName, ACCOUNT_ARN + functionName, "3f1c6a2e-7b4d-4e8f-9a0b-1c2d3e4f5a6b",
                "2026/11/20/[$LATEST]0123456789abcdef0123456789abcdef", 1024,
                System.nanoTime() + TEST_TIMEOUT.toNanos(), silent());
    }

    /**
     * One invocation as a function host runs it.
     *
     * @param deadlineNanos the {@link System#nanoTime()} at which the invocation times out: the remaining time counts
     *     down to it
     * @param logger where the runtime's logger writes (the handlers themselves log through SLF4J)
     */
    public TestContext(String functionName, String functionArn, String requestId, String logStream, int memoryMb,
            long deadlineNanos, LambdaLogger logger) {
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.requestId = requestId;
        this.logStream = logStream;
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
        return logStream;
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
    private static LambdaLogger silent() {
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
