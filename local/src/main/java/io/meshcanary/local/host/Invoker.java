package io.meshcanary.local.host;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.meshcanary.local.host.HostPlan.HostedFunction;
import io.meshcanary.local.iam.CallingFunction;
import io.meshcanary.local.sdk.AwsCallLog;
import io.meshcanary.local.support.JsonLog;
import io.meshcanary.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * Runs one invocation of a function in-process, within the function's timeout, and logs it as Lambda's platform
 * events do (start, report with duration and status).
 */
final class Invoker {
    private static final String TRACE_ID_KEY = "AWS_LAMBDA_X_TRACE_ID";

    private final Map<String, ExecutionEnvironments> functions = new LinkedHashMap<>();
    private final JsonLog log;
    private final ExecutorService handlerThreads = Executors.newVirtualThreadPerTaskExecutor();

    Invoker(List<HostedFunction> functions, JsonLog log) {
        this.log = log;
        functions.forEach(function -> this.functions.put(function.name(), new ExecutionEnvironments(function, log)));
    }

    Optional<HostedFunction> function(String name) {
        return Optional.ofNullable(functions.get(name)).map(ExecutionEnvironments::function);
    }

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** X-Ray's header: Root=1-{epoch seconds, 8 hex}-{96 random bits, 24 hex};Parent={64 random bits};Sampled=0. */
    private static String newTraceHeader() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "Root=1-%08x-%08x%016x;Parent=%016x;Sampled=0".formatted(System.currentTimeMillis() / 1000,
                random.nextInt(), random.nextLong(), random.nextLong());
    }

    /** @param requestId new for a synchronous call; an asynchronous event keeps its id across retries */
    InvocationResult invoke(HostedFunction function, byte[] payload, String requestId) {
        Duration timeout = Duration.ofSeconds(function.timeoutSeconds());
        long start = System.nanoTime();
        log.info("platform.start", "function", function.name(), "requestId", requestId);
        InvocationResult result = run(functions.get(function.name()), payload, requestId, start + timeout.toNanos());
        log.info("platform.report", "function", function.name(), "requestId", requestId,
                "durationMs", (System.nanoTime() - start) / 1e6, "status", status(result));
        return result;
    }

    private InvocationResult run(ExecutionEnvironments environments, byte[] payload, String requestId,
            long deadlineNanos) {
        HostedFunction function = environments.function();
        RequestStreamHandler handler;
        try {
            handler = environments.acquire();
        } catch (Throwable initError) {
            return InvocationResult.Failure.of(requestId, initError);
        }
        TestContext context = new TestContext(function.name(), function.arn(), requestId,
                "local/[$LATEST]" + ProcessHandle.current().pid(), function.memoryMb(), deadlineNanos,
                new FunctionLogger(log, function.name(), requestId));
        Future<byte[]> output = handlerThreads.submit(() -> {
            Thread.currentThread().setName(AwsCallLog.invocationThread(requestId));
            CallingFunction.set(function.name());
            // Invocations of the one host share its statics, as invocations in one multi-concurrency Lambda
            // environment do: the runtime gives each its own X-Ray trace header in the SDK's thread-local, which
            // Powertools keys its request-scoped metrics by (LambdaHandlerProcessor.getXrayTraceId) and the SDK sends
            // on (TraceIdExecutionInterceptor). Without it, one invocation's flush would emit another's metrics.
            SdkInternalThreadLocal.put(TRACE_ID_KEY, newTraceHeader());
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(payload), out, context);
                return out.toByteArray();
            } finally {
                SdkInternalThreadLocal.remove(TRACE_ID_KEY);
            }
        });
        try {
            byte[] bytes = output.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            environments.release(handler);
            return new InvocationResult.Success(requestId, bytes);
        } catch (ExecutionException e) {
            environments.release(handler);
            return InvocationResult.Failure.of(requestId, e.getCause());
        } catch (TimeoutException e) {
            // Lambda discards an environment that timed out; the interrupted handler is never reused.
            output.cancel(true);
            return InvocationResult.Failure.timeout(requestId, Duration.ofSeconds(function.timeoutSeconds()));
        } catch (InterruptedException e) {
            output.cancel(true);
            Thread.currentThread().interrupt();
            return InvocationResult.Failure.of(requestId, e);
        }
    }

    private static String status(InvocationResult result) {
        return switch (result) {
            case InvocationResult.Success success -> "success";
            case InvocationResult.Failure failure when failure.errorType()
                    .equals(InvocationResult.Failure.TIMEOUT_ERROR_TYPE) -> "timeout";
            case InvocationResult.Failure failure -> "error";
        };
    }
}
