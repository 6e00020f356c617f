package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * The local rollout: onboards an app in the local runtime and releases two revisions through the real
 * reconciler, printing the timeline as it goes. v2 is healthy and is promoted; v3 reports errors once it takes
 * traffic and is rolled back. Only ECS itself is simulated (by the runtime's ECS simulator).
 */
public final class Demo {

    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "SUPERSEDED");
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(3);

    private final DemoShop shop;
    private final String table;
    private final PrintStream out;
    private final long started = System.nanoTime();

    private Demo(DemoShop shop, String table, PrintStream out) {
        this.shop = shop;
        this.table = table;
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        Path repository = repositoryRoot();
        Demo demo = new Demo(new DemoShop(UUID.randomUUID().toString().substring(0, 6)), rolloutTable(),
                System.out);
        System.exit(demo.run(repository) ? 0 : 1);
    }

    private boolean run(Path repository) throws InterruptedException {
        out.printf("meshcanary demo: app %s in cluster %s, mesh %s%n", shop.app, shop.cluster, shop.mesh);
        out.println("  (ECS tasks are simulated; the functions, workflow, mesh, Cloud Map, DynamoDB and CloudWatch"
                + " are the real code against the emulator)");
        shop.onboard(shop.spec(repository, 2), "/meshcanary");
        out.println("onboarded: canary spec stored at /meshcanary/" + shop.cluster + "/" + shop.app);

        String v1 = shop.registerRevision("orders:1.0");
        shop.createService(v1);
        Outcome bootstrap = follow("v1 (bootstrap)", v1, weight -> { });

        shop.reportErrorRate(0.2);
        Outcome healthy = follow("v2 (healthy)", deploy("orders:1.1"), weight -> { });

        Outcome broken = follow("v3 (5xx under load)", deploy("orders:1.2"), weight -> {
            if (weight > 0) {
                shop.reportErrorRate(7.5);
            }
        });

        List<Outcome> outcomes = List.of(bootstrap, healthy, broken);
        out.println();
        out.println("summary");
        outcomes.forEach(outcome -> out.printf("  %-22s %-9s %5.1fs  %s%n", outcome.label(), outcome.phase(),
                outcome.seconds(), outcome.reason()));
        out.printf("  route now: canary %d%%, primary runs %s%n", shop.canaryWeight(),
                shop.service(shop.app + "-primary").orElseThrow().taskDefinition());
        return bootstrap.phase().equals("SUCCEEDED") && healthy.phase().equals("SUCCEEDED")
                && broken.phase().equals("FAILED");
    }

    private String deploy(String image) {
        String taskDefinition = shop.registerRevision(image);
        shop.deploy(taskDefinition);
        return taskDefinition;
    }

    /** Prints the rollout's history as it grows, and the weight the route really has, until the rollout ends. */
    private Outcome follow(String label, String taskDefinition, IntConsumer onWeight) throws InterruptedException {
        out.printf("%n== %s: %s%n", label, taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1));
        long since = System.nanoTime();
        long deadline = since + ROLLOUT_TIMEOUT.toNanos();
        int printed = 0;
        long lastProgress = since;
        while (System.nanoTime() < deadline) {
            JsonNode record = shop.record(table)
                    .filter(found -> found.path("canaryTaskDefinition").asText().equals(taskDefinition))
                    .orElse(null);
            if (record != null) {
                List<JsonNode> history = new ArrayList<>();
                record.path("history").forEach(history::add);
                for (JsonNode entry : history.subList(printed, history.size())) {
                    out.printf("  %6.1fs  %-12s canary %3d%%  %s%n", elapsed(), entry.path("phase").asText(),
                            entry.path("canaryWeight").asInt(), entry.path("note").asText());
                    lastProgress = System.nanoTime();
                }
                printed = history.size();
                onWeight.accept(shop.canaryWeight());
                if (ENDED.contains(record.path("phase").asText())) {
                    return new Outcome(label, record.path("phase").asText(), (System.nanoTime() - since) / 1e9,
                            record.path("reason").asText(record.path("phase").asText().toLowerCase()));
                }
            }
            if (System.nanoTime() - lastProgress > Duration.ofSeconds(3).toNanos()) {
                out.printf("  %6.1fs  ... waiting (route: canary %d%%)%n", elapsed(), shop.canaryWeight());
                lastProgress = System.nanoTime();
            }
            Thread.sleep(200);
        }
        return new Outcome(label, "TIMED OUT", ROLLOUT_TIMEOUT.toSeconds(), "no end within " + ROLLOUT_TIMEOUT);
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the demo from inside the meshcanary repository");
        }
        return dir;
    }

    private static String rolloutTable() {
        String state = System.getenv("MESHCANARY_RUNTIME_DIR");
        if (state == null) {
            throw new IllegalStateException("MESHCANARY_RUNTIME_DIR is not set: start the demo with local/bin/demo");
        }
        try {
            JsonNode resources = new ObjectMapper().readTree(Path.of(state, "resources.json").toFile());
            return resources.path("resources").path("RolloutTable").path("ref").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("read the local runtime's resources.json", e);
        }
    }

    private record Outcome(String label, String phase, double seconds, String reason) {
    }
}
