package io.meshcanary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.demo.DemoShop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Measures the alarm fast path in the local runtime: the alarm guard's handler time (the function host's
 * {@code platform.report} duration, from the handler's first byte in to its last byte out) and the AWS calls it makes,
 * counted from the function log's {@code local.awsCall} lines between the invocation's start and report.
 *
 * <p>Each abort needs a rollout to abort, so {@value #ROLLOUTS} apps are set up side by side, each stopped at 10% with
 * a long interval; each gets its alarm's ALARM event once (ABORTED), then the last one's event is redelivered
 * {@value #DUPLICATES} times (ALREADY_ABORTED, the steady path). Events are sent by synchronous Lambda Invoke, so the
 * EventBridge delivery is not in the figures. Run it with bench/run, which starts the runtime.
 */
public final class AlarmFastPathBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROLLOUTS = 10;
    private static final int DUPLICATES = 50;

    private final Path repository;
    private final Path functionLog;
    private final String table;
    private final String function;

    private AlarmFastPathBench(Path repository, Path state) throws IOException {
        this.repository = repository;
        this.functionLog = state.resolve("functions.log");
        JsonNode resources = JSON.readTree(state.resolve("resources.json").toFile()).path("resources");
        this.table = resources.at("/RolloutTable/ref").asText();
        this.function = resources.at("/AlarmGuardFunction/ref").asText();
    }

    public static void main(String[] args) throws Exception {
        new AlarmFastPathBench(Path.of(args[0]), Path.of(System.getenv("MESHCANARY_RUNTIME_DIR"))).run();
    }

    private void run() throws Exception {
        List<DemoShop> shops = rolloutsAtTenPercent();
        try (LambdaClient lambda = LambdaClient.create()) {
            // The first invocation pays the cold start, which is measured by bench/run's init times, not here.
            invoke(lambda, alarmEvent("bench-warm-up-" + UUID.randomUUID()));
            List<Invocation> aborts = new ArrayList<>();
            for (DemoShop shop : shops) {
                shop.setAlarm(StateValue.ALARM, "5xx above threshold");
                aborts.add(invoke(lambda, alarmEvent(shop.alarm)));
            }
            List<Invocation> duplicates = new ArrayList<>();
            for (int i = 0; i < DUPLICATES; i++) {
                duplicates.add(invoke(lambda, alarmEvent(shops.getLast().alarm)));
            }
            report("alarm of an active rollout (ABORTED)", aborts);
            report("the same alarm redelivered (ALREADY_ABORTED)", duplicates);
        }
    }

    /** Apps whose rollout of a second revision waits at 10%, set up side by side: most of it is the workflow's. */
    private List<DemoShop> rolloutsAtTenPercent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ROLLOUTS);
        try {
            List<Future<DemoShop>> started = new ArrayList<>();
            for (int i = 0; i < ROLLOUTS; i++) {
                started.add(pool.submit(this::rolloutAtTenPercent));
            }
            List<DemoShop> shops = new ArrayList<>();
            for (Future<DemoShop> shop : started) {
                shops.add(shop.get());
            }
            return shops;
        } finally {
            pool.shutdownNow();
        }
    }

    private DemoShop rolloutAtTenPercent() throws InterruptedException {
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 6));
        shop.onboard(shop.spec(repository, 600), "/meshcanary");
        shop.reportErrorRate(0.2);
        String v1 = shop.registerRevision("orders:1");
        shop.createService(v1);
        awaitRecord(shop, v1, "SUCCEEDED");
        String v2 = shop.registerRevision("orders:2");
        shop.deploy(v2);
        awaitRecord(shop, v2, "PROGRESSING");
        return shop;
    }

    private void awaitRecord(DemoShop shop, String taskDefinition, String phase) throws InterruptedException {
        for (int polls = 0; polls < 900; polls++) {
            boolean there = shop.record(table).filter(record -> record.path("canaryTaskDefinition").asText()
                    .equals(taskDefinition) && record.path("phase").asText().equals(phase)
                    && (phase.equals("SUCCEEDED") || record.path("step").asInt() >= 1)).isPresent();
            if (there) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the rollout of %s never reached %s".formatted(taskDefinition, phase));
    }

    private Invocation invoke(LambdaClient lambda, ObjectNode event) throws IOException, InterruptedException {
        long logStart = Files.size(functionLog);
        InvokeResponse response = lambda.invoke(request -> request.functionName(function)
                .payload(SdkBytes.fromUtf8String(event.toString())));
        String requestId = response.responseMetadata().requestId();
        String action = JSON.readTree(response.payload().asUtf8String()).path("action").asText();
        // The host's log reaches the file a moment after the answer reaches us.
        for (int polls = 0; polls < 50; polls++) {
            Invocation read = read(logStart, requestId, action);
            if (read.handlerMillis() >= 0) {
                return read;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no platform.report for request " + requestId + " in " + functionLog);
    }

    private Invocation read(long logStart, String requestId, String action) throws IOException {
        double handlerMillis = -1;
        Map<String, Integer> calls = new TreeMap<>();
        boolean inside = false;
        for (String line : Files.readString(functionLog).substring((int) logStart).lines().toList()) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            String type = entry.path("type").asText();
            if (requestId.equals(entry.path("requestId").asText())) {
                inside = type.equals("platform.start") || inside && !type.equals("platform.report");
                if (type.equals("platform.report")) {
                    handlerMillis = entry.path("durationMs").asDouble();
                }
            } else if (inside && type.equals("local.awsCall")) {
                calls.merge(entry.path("service").asText() + "." + entry.path("operation").asText(), 1,
                        Integer::sum);
            }
        }
        return new Invocation(action, handlerMillis, calls);
    }

    private ObjectNode alarmEvent(String alarm) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(repository.resolve("events/alarm-state-change-alarm.json")
                    .toFile());
            ((ObjectNode) event.get("detail")).put("alarmName", alarm);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException("read the sample alarm event", e);
        }
    }

    private static void report(String label, List<Invocation> invocations) {
        double[] millis = invocations.stream().mapToDouble(Invocation::handlerMillis).sorted().toArray();
        // Nearest rank: with few samples p95 is the largest but one, or the largest.
        double p95 = millis[(int) Math.ceil(0.95 * millis.length) - 1];
        System.out.printf("%n%s, %d invocations, actions %s%n", label, millis.length,
                invocations.stream().map(Invocation::action).distinct().toList());
        System.out.printf("  handler time: median %.1f ms, p95 %.1f ms, max %.1f ms%n", millis[millis.length / 2],
                p95, millis[millis.length - 1]);
        System.out.printf("  AWS calls of one invocation (the first): %s%n", invocations.getFirst().calls());
    }

    private record Invocation(String action, double handlerMillis, Map<String, Integer> calls) {
    }
}
