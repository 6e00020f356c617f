package io.meshcanary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.testing.TestContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The cold-start bench: for every function, the whole process (JVM start, the handler's init, one invocation of its
 * sample event against the local runtime's emulator, exit) run in a fresh JVM on the function's own deployment
 * package, started as Lambda starts it ({@link LambdaJvm}), its wall time, CPU time (user and system) and peak memory
 * (median of N), once plain and once with a JDK AOT cache trained on that same invocation, the closest local stand-in
 * for a primed SnapStart restore; one more plain run with Native Memory Tracking splits the memory by what holds it;
 * and the package's zipped size. Every figure is set against a bare {@link BareHandler} on the same JVM flags: by wall
 * time, and by CPU time, which a machine loaded by other work moves far less than wall time. Run it with bench/run,
 * which builds the packages and starts the runtime.
 */
public final class ColdStartBench {

    /** Where the JVM prints its memory by category at exit, on standard output (the default CDS archive is on). */
    private static final List<String> MEMORY_TRACKING = List.of("-XX:NativeMemoryTracking=summary",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintNMTStatistics");
    /** Each function's sample event: one that needs no set-up in the emulator, and takes the function's real path. */
    private static final Map<String, String> EVENTS = events();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MB = 1_000_000;
    private static final double MIB = 1 << 20;
    /**
     * The bare handler runs this many times more than a function: every ratio divides by its 0.05 s of CPU, which
     * moves by 10–20% from one run of the bench to the next on a shared machine.
     */
    private static final int BARE_RUNS_FACTOR = 4;

    private final Path repository;
    private final Path benchJar;
    private final int runs;
    private final Map<String, String> environment;
    private final Path work;
    private final LambdaJvm jvm;
    private final Path rusage;

    private ColdStartBench(Path repository, Path benchJar, int runs) throws IOException {
        this.repository = repository;
        this.benchJar = benchJar;
        this.runs = runs;
        this.environment = functionEnvironment(Path.of(System.getenv("MESHCANARY_RUNTIME_DIR")));
        this.work = Files.createTempDirectory("meshcanary-cold-start");
        this.jvm = LambdaJvm.fromTemplate(Files.readString(repository.resolve("template.yaml")));
        this.rusage = repository.resolve("bench/rusage.py");
    }

    public static void main(String[] args) throws Exception {
        new ColdStartBench(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2])).run();
    }

    private static Map<String, String> events() {
        Map<String, String> events = new LinkedHashMap<>();
        events.put("NodeRegistryFunction", "events/task-running-fargate.json");
        events.put("DeploymentTriggerFunction", "events/deployment-in-progress.json");
        events.put("AlarmGuardFunction", "events/alarm-state-change-alarm.json");
        events.put("RolloutStepsFunction", "bench/events/rollout-steps-initialize.json");
        events.put("ResyncFunction", "events/scheduled-resync.json");
        return events;
    }

    private void run() throws Exception {
        Path lambda = repository.resolve("functions/package/target/lambda");
        Path testContext = Path.of(TestContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lambdaCore;
        try (Stream<Path> jars = Files.list(lambda.resolve(EVENTS.keySet().iterator().next()).resolve("lib"))) {
            lambdaCore = jars.filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-core-"))
                    .findFirst().orElseThrow();
        }
        Result bare = measure(new Subject("bare RequestStreamHandler", BareHandler.class.getName(),
                List.of(benchJar, testContext, lambdaCore), repository.resolve(EVENTS.values().iterator().next()), 0),
                runs * BARE_RUNS_FACTOR);
        System.out.printf("%d runs each (the bare handler %d), median; JVM %s, %s; × = wall / the bare handler's plain"
                + " wall, CPU × = CPU time (user + system, to the microsecond) / the bare handler's plain CPU time%n%n",
                runs, runs * BARE_RUNS_FACTOR, System.getProperty("java.version"), jvm.describe());
        System.out.println("| function | zipped | plain wall | plain × | plain CPU | plain CPU × | plain peak | AOT wall"
                + " | AOT × | AOT CPU | AOT CPU × | AOT peak | outcome |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        print(bare, bare);
        List<Result> results = new ArrayList<>(List.of(bare));
        String template = Files.readString(repository.resolve("template.yaml"));
        for (Map.Entry<String, String> function : EVENTS.entrySet()) {
            Path lib = lambda.resolve(function.getKey()).resolve("lib");
            List<Path> jars;
            try (Stream<Path> listed = Files.list(lib)) {
                jars = listed.sorted().toList();
            }
            Result result = measure(new Subject(function.getKey(), handler(template, function.getKey()),
                    Stream.concat(Stream.of(benchJar, testContext), jars.stream()).toList(),
                    repository.resolve(function.getValue()), zippedSize(lib)), runs);
            print(bare, result);
            results.add(result);
        }
        System.out.printf("%nOne more plain run each with -XX:NativeMemoryTracking=summary: its peak resident set and"
                + " what the JVM had committed at exit, by category (MiB; other = threads' stacks, symbols, the"
                + " compiler, GC structures and the rest NMT tracks; committed is not all resident)%n%n");
        System.out.println("| function | peak RSS | NMT committed | heap | class metadata | code | CDS archive | other |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Result result : results) {
            NativeMemory memory = result.memory();
            System.out.printf("| %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", result.subject().name(),
                    result.trackedPeakKib() / 1024.0, memory.total() / MIB, memory.heap() / MIB,
                    memory.classMetadata() / MIB, memory.code() / MIB, memory.sharedArchive() / MIB,
                    memory.other() / MIB);
        }
    }

    private static void print(Result bare, Result result) {
        System.out.printf("| %s | %s | %s | %.0f MiB | %s | %.0f MiB | %s |%n",
                result.subject().name(),
                result.subject().zippedBytes() == 0 ? "–" : "%.1f MB".formatted(result.subject().zippedBytes() / MB),
                ratios(result.plain(), bare), result.plain().peakKib() / 1024.0, ratios(result.aot(), bare),
                result.aot().peakKib() / 1024.0, result.plain().outcome());
    }

    /** Wall, wall ×, CPU and CPU ×, against the bare handler's plain run. */
    private static String ratios(Figures figures, Result bare) {
        return "%.3f s | %.1f× | %.3f s | %.1f×".formatted(figures.wallSeconds(),
                figures.wallSeconds() / bare.plain().wallSeconds(), figures.cpuSeconds(),
                figures.cpuSeconds() / bare.plain().cpuSeconds());
    }

    private Result measure(Subject subject, int count) throws Exception {
        Figures plain = median(subject, List.of(), count);
        Path cache = work.resolve(subject.name().replace(' ', '-') + ".aot");
        once(subject, List.of("-XX:AOTCacheOutput=" + cache));
        Figures aot = median(subject, List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on"), count);
        Figures tracked = once(subject, MEMORY_TRACKING);
        return new Result(subject, plain, aot, NativeMemory.parse(Files.readString(work.resolve("stdout"))),
                tracked.peakKib());
    }

    private Figures median(Subject subject, List<String> flags, int count) throws Exception {
        List<Figures> figures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            figures.add(once(subject, flags));
        }
        List<Double> walls = figures.stream().map(Figures::wallSeconds).sorted().toList();
        List<Double> cpus = figures.stream().map(Figures::cpuSeconds).sorted().toList();
        List<Long> peaks = figures.stream().map(Figures::peakKib).sorted().toList();
        return new Figures(walls.get(count / 2), cpus.get(count / 2), peaks.get(count / 2),
                figures.getLast().outcome());
    }

    /** One fresh JVM under bench/rusage.py, which reports the process's peak resident set and its CPU time. */
    private Figures once(Subject subject, List<String> runFlags) throws Exception {
        Path memory = work.resolve("rusage");
        Path errors = work.resolve("stderr");
        List<String> command = new ArrayList<>(List.of(rusage.toString(), memory.toString()));
        command.addAll(jvm.command(runFlags, subject.classpath(), List.of(ColdStart.class.getName(),
                subject.handler(), subject.event().toString(), subject.name())));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve("stdout").toFile())
                .redirectError(errors.toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(jvm.environment());
        int exit = builder.start().waitFor();
        List<String> stderr = Files.readAllLines(errors);
        String outcome = stderr.stream().filter(line -> line.startsWith(ColdStart.OUTCOME))
                .map(line -> line.substring(ColdStart.OUTCOME.length())).findFirst().orElse(null);
        if (exit != 0 || outcome == null) {
            throw new IllegalStateException("%s exited with %d: %s%n%s%n%s".formatted(subject.name(), exit,
                    String.join(" ", command), String.join("\n", stderr), Files.readString(memory)));
        }
        String[] measured = Files.readString(memory).strip().split(" ");
        return new Figures(Long.parseLong(measured[2]) / 1e6, Long.parseLong(measured[1]) / 1e6,
                Long.parseLong(measured[0]), outcome);
    }

    /** What the handlers find in the environment on Lambda, with the names the local runtime gave the resources. */
    private static Map<String, String> functionEnvironment(Path state) throws IOException {
        JsonNode runtime = JSON.readTree(state.resolve("resources.json").toFile());
        JsonNode resources = runtime.path("resources");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPEC_PARAMETER_PREFIX", runtime.at("/parameters/SpecParameterPrefix").asText());
        environment.put("ROLLOUT_TABLE", resources.at("/RolloutTable/ref").asText());
        environment.put("STATE_MACHINE_ARN", resources.at("/CanaryStateMachine/ref").asText());
        environment.put("EVENT_BUS_NAME", resources.at("/RolloutEventBus/ref").asText());
        environment.put("POWERTOOLS_SERVICE_NAME", "meshcanary");
        environment.put("POWERTOOLS_METRICS_NAMESPACE", "MeshCanary");
        environment.put("POWERTOOLS_LOG_LEVEL", "INFO");
        // As in the local runtime: metrics go to stdout, not to a CloudWatch agent's port.
        environment.put("AWS_EMF_ENVIRONMENT", "Local");
        return environment;
    }

    private static String handler(String template, String logicalId) {
        Matcher handler = Pattern.compile("(?m)^  " + logicalId + ":\\n(?:^(?:    .*)?\\n)*?^ +Handler: (\\S+)::")
                .matcher(template);
        if (!handler.find()) {
            throw new IllegalStateException("template.yaml has no Handler for " + logicalId);
        }
        return handler.group(1);
    }

    /** The size of the deployment package SAM would upload: lib/*.jar, zipped, in bytes (printed in MB of 10^6). */
    private static long zippedSize(Path lib) throws IOException {
        CountingStream counted = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(counted);
                Stream<Path> jars = Files.list(lib).sorted(Comparator.naturalOrder())) {
            for (Path jar : jars.toList()) {
                zip.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                Files.copy(jar, zip);
                zip.closeEntry();
            }
        }
        return counted.bytes;
    }

    private record Subject(String name, String handler, List<Path> classpath, Path event, long zippedBytes) {
    }

    private record Figures(double wallSeconds, double cpuSeconds, long peakKib, String outcome) {
    }

    private record Result(Subject subject, Figures plain, Figures aot, NativeMemory memory, long trackedPeakKib) {
    }

    private static final class CountingStream extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
