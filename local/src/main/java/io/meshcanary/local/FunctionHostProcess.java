package io.meshcanary.local;

import io.meshcanary.local.host.FunctionHost;
import io.meshcanary.local.sdk.AwsCallLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The child JVM that runs {@link FunctionHost}. It gets its own environment because the template's variables must
 * be in System.getenv() of the handlers, and a running JVM cannot change its environment.
 */
final class FunctionHostProcess implements AutoCloseable {
    /**
     * Options of the caller's JVM, such as a debugger agent, must not leak into the child (two agents cannot
     * listen on one port); the template's JAVA_TOOL_OPTIONS, as Lambda would apply it, is put back afterwards.
     */
    private static final List<String> INHERITED_JVM_OPTIONS = List.of(
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final ChildProcess process;
    private final int port;

    private FunctionHostProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param heapMb the largest MemorySize of the functions: Lambda's memory setting bounds the whole process
     */
    static FunctionHostProcess start(Path planFile, LoopbackPort port, int heapMb,
            Map<String, String> functionEnvironment, Map<String, String> awsVariables, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                FunctionHost.class.getName(), planFile.toString());
        Map<String, String> environment = builder.environment();
        INHERITED_JVM_OPTIONS.forEach(environment::remove);
        environment.putAll(functionEnvironment);
        environment.put(AwsCallLog.SWITCH, "1");
        AwsEnvironment.replaceAwsVariables(environment, awsVariables);
        // Outside Lambda, Powertools' EMF client would send metrics to a CloudWatch agent's port; Local writes them to
        // the function log as the Lambda runtime would. Set after the AWS_ variables are replaced, which would drop it.
        environment.put("AWS_EMF_ENVIRONMENT", "Local");
        port.close();
        return new FunctionHostProcess(ChildProcess.start("function host", builder, logFile), port.port());
    }

    long pid() {
        return process.pid();
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            process.requireAlive("starting");
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notListeningYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the function host did not listen on port %d within %s; end of"
                            + " its log:%n%s".formatted(port, timeout, process.tail()));
                }
                Sleep.forAWhile(POLL_INTERVAL);
            }
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
