package io.meshcanary.local;

import io.meshcanary.local.host.HostPlan;
import io.meshcanary.local.provision.ProvisionedStack;
import io.meshcanary.local.support.JsonLog;
import io.meshcanary.local.template.HandlerSpec;
import io.meshcanary.local.template.SamTranslation;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local AWS runtime: moto, with the template's resources created in it, behind a proxy that runs the
 * template's functions in-process. It supervises two children: moto and the function host JVM (see README.md).
 *
 * <p>As a program it either runs a command with the runtime's AWS variables and exits with the command's code
 * (local/bin/with-runtime), or runs until stopped (local/bin/runtime).
 */
public final class LocalRuntime implements AutoCloseable {
    public static final String STACK_NAME = "meshcanary";
    public static final String REGION = "us-east-1";
    /** moto's default account, in every ARN it makes. */
    public static final String ACCOUNT_ID = "123456789012";
    /** Lambda's default MemorySize, for a template without functions. */
    private static final int DEFAULT_HEAP_MB = 128;
    /** Exit code when the runtime itself could not start, as env(1) uses it; a command's own codes pass through. */
    static final int RUNTIME_FAILED = 125;
    private static final int COMMAND_NOT_FOUND = 127;
    private static final Duration MOTO_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HOST_START_TIMEOUT = Duration.ofSeconds(30);

    private final Path stateDir;
    private final boolean keepState;
    private final Deque<AutoCloseable> children = new ArrayDeque<>();
    private final Map<String, String> exports = new LinkedHashMap<>();
    private PrintStream logStream;
    private JsonLog log;
    private URI endpoint;
    private Process command;
    private boolean closed;

    private LocalRuntime(Path stateDir, boolean keepState) {
        this.stateDir = stateDir.toAbsolutePath();
        this.keepState = keepState;
    }

    /** Starts everything and returns once the endpoint answers; on failure stops what it had started. */
    public static LocalRuntime start(RuntimeOptions options, PrintStream progress) {
        LocalRuntime runtime = new LocalRuntime(options.stateDir(), options.keepState());
        try {
            runtime.launch(options, progress);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void launch(RuntimeOptions options, PrintStream progress) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(stateDir);
            logStream = new PrintStream(new FileOutputStream(stateDir.resolve(RuntimeState.RUNTIME_LOG).toFile(),
                    true), true, StandardCharsets.UTF_8);
            log = new JsonLog(logStream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state folder " + stateDir, e);
        }
        LoopbackPort proxyPort = LoopbackPort.reserve();
        children.push(proxyPort);
        LoopbackPort backendPort = LoopbackPort.reserve();
        children.push(backendPort);
        endpoint = URI.create("http://localhost:" + proxyPort.port());
        exports.putAll(AwsEnvironment.variables(endpoint, REGION));
        exports.put("MESHCANARY_RUNTIME_DIR", stateDir.toString());

        // moto takes seconds to import; SAM's translator reads the template meanwhile, in a process of its own.
        MotoServer moto = MotoServer.start(options.motoPython(), backendPort, proxyPort.port(), exports,
                stateDir.resolve(RuntimeState.MOTO_LOG));
        children.push(moto);
        long translating = System.nanoTime();
        Path templates = stateDir.resolve(RuntimeState.TEMPLATES);
        SamTranslation sam = SamTranslation.of(options.motoPython(), options.template(), REGION, templates);
        log.info("local.translated", "ms", Duration.ofNanos(System.nanoTime() - translating).toMillis());
        moto.awaitReadyAndConfigure(MOTO_START_TIMEOUT);
        log.info("local.motoReady", "endpoint", moto.endpoint().toString(), "pid", moto.pid());

        long deploying = System.nanoTime();
        ProvisionedStack stack = ProvisionedStack.deploy(options.motoPython(), sam.translated(),
                STACK_NAME, options.parameters(), AwsEnvironment.variables(moto.endpoint(), REGION), templates);
        log.info("local.provisioned", "ms", Duration.ofNanos(System.nanoTime() - deploying).toMillis(),
                "resources", stack.resources().keySet());
        warnAboutMissingHandlers(stack, progress);

        Path planFile = stateDir.resolve(RuntimeState.HOST_PLAN);
        log.info("local.iam", "enforced", options.enforceIam(), "switch", RuntimeOptions.IAM_SWITCH);
        hostPlan(proxyPort.port(), moto.endpoint(), stack, options.template(), options.enforceIam()).write(planFile);
        FunctionHostProcess host = FunctionHostProcess.start(planFile, proxyPort, heapMb(stack),
                stack.sharedEnvironment(), exports, stateDir.resolve(RuntimeState.FUNCTION_LOG));
        children.push(host);
        host.awaitReady(HOST_START_TIMEOUT);

        RuntimeState.write(stateDir, endpoint, stack, exports, Map.of(
                "runtime", ProcessHandle.current().pid(), "moto", moto.pid(), "functionHost", host.pid()));
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        log.info("local.ready", "endpoint", endpoint.toString(), "startupMs", startup.toMillis());
        progress.printf("meshcanary-local: ready in %.1f s at %s (state in %s)%n",
                startup.toMillis() / 1000.0, endpoint, stateDir);
    }

    private static HostPlan hostPlan(int proxyPort, URI backend, ProvisionedStack stack, Path template,
            boolean enforceIam) {
        List<HostPlan.HostedFunction> functions = stack.functions().stream().map(function ->
                new HostPlan.HostedFunction(function.name(), function.arn(), handlerClass(function),
                        function.timeoutSeconds(), function.memoryMb(), function.maximumRetryAttempts(),
                        function.maximumEventAgeSeconds(), function.deadLetterQueueUrl()))
                .toList();
        List<HostPlan.RuleSubscription> subscriptions = stack.deliveries().stream().map(delivery ->
                new HostPlan.RuleSubscription(delivery.ruleName(), delivery.queueUrl(), delivery.functionName()))
                .toList();
        Map<String, HostPlan.RolePolicy> roles = null;
        if (enforceIam) {
            roles = new LinkedHashMap<>();
            for (Map.Entry<String, ProvisionedStack.Role> role : stack.roles().entrySet()) {
                roles.put(role.getKey(), new HostPlan.RolePolicy(role.getValue().roleName(),
                        role.getValue().stateMachine(), role.getValue().statements()));
            }
        }
        Path sampleEvents = template.toAbsolutePath().resolveSibling("events");
        return new HostPlan(proxyPort, backend.toString(), REGION, ACCOUNT_ID, functions, subscriptions,
                Files.isDirectory(sampleEvents) ? sampleEvents.toString() : null, roles);
    }

    private static String handlerClass(ProvisionedStack.Function function) {
        return HandlerSpec.parse(function.handler(), function.name() + ".Handler").className();
    }

    private static int heapMb(ProvisionedStack stack) {
        return stack.functions().stream().mapToInt(ProvisionedStack.Function::memoryMb).max().orElse(DEFAULT_HEAP_MB);
    }

    /** The handler modules may not be built yet; the runtime still starts, and their invocations fail. */
    private static void warnAboutMissingHandlers(ProvisionedStack stack, PrintStream progress) {
        for (ProvisionedStack.Function function : stack.functions()) {
            String className = handlerClass(function);
            try {
                Class.forName(className, false, LocalRuntime.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                progress.printf("meshcanary-local: warning: %s is not on the classpath; invoking %s will fail%n",
                        className, function.name());
            }
        }
    }

    /** The endpoint for every AWS call, http://localhost:PORT. */
    public URI endpoint() {
        return endpoint;
    }

    /** The variables a process needs to use the runtime: AWS_ENDPOINT_URL, region, credentials, state folder. */
    public Map<String, String> exports() {
        return Collections.unmodifiableMap(exports);
    }

    /** Runs a command with the runtime's variables in place of the caller's AWS ones, and returns its exit code. */
    int run(List<String> commandLine) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(commandLine).inheritIO();
        AwsEnvironment.replaceAwsVariables(builder.environment(), exports);
        Process started;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the runtime is stopped");
            }
            started = builder.start();
            command = started;
        }
        return started.waitFor();
    }

    /** Stops the command, the function host and moto, in that order; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (command != null && command.isAlive()) {
            command.destroy();
        }
        while (!children.isEmpty()) {
            try {
                children.pop().close();
            } catch (Exception e) {
                if (log != null) {
                    log.error("local.stopFailed", e);
                }
            }
        }
        if (log != null) {
            log.info("local.stopped");
            logStream.close();
        }
        if (!keepState) {
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        RuntimeOptions options;
        try {
            options = RuntimeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.printf("meshcanary-local: %s%n%s%n", e.getMessage(), RuntimeOptions.USAGE);
            System.exit(2);
            return;
        }
        // Registered before anything starts, so that Ctrl-C during startup stops what has started.
        LocalRuntime runtime = new LocalRuntime(options.stateDir(), options.keepState());
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "local-runtime-shutdown"));
        try {
            runtime.launch(options, System.err);
        } catch (RuntimeException e) {
            System.err.printf("meshcanary-local: the runtime could not start: %s%n", e.getMessage());
            System.exit(RUNTIME_FAILED);
        }
        if (options.command().isEmpty()) {
            runtime.exports().forEach((name, value) -> System.out.printf("export %s=%s%n", name, value));
            System.err.println("meshcanary-local: Ctrl-C stops the runtime.");
            Thread.currentThread().join();
        }
        int exitCode;
        try {
            exitCode = runtime.run(options.command());
        } catch (IOException e) {
            System.err.printf("meshcanary-local: cannot run %s: %s%n", options.command().getFirst(), e.getMessage());
            exitCode = COMMAND_NOT_FOUND;
        }
        runtime.close();
        System.exit(exitCode);
    }
}
