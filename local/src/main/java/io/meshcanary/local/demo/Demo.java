package io.meshcanary.local.demo;

import io.meshcanary.local.RepositoryFiles;
import io.meshcanary.local.StackResources;
import io.meshcanary.timeline.RolloutTimeline;
import io.meshcanary.timeline.Timeline;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * {@code local/bin/demo}: runs the {@link DemoScenario} in the local runtime with a live timeline on standard
 * output, then prints a summary and writes the weight chart. Only ECS itself is simulated (by the runtime's ECS
 * simulator). Exits 0 when v2 was promoted and v3 rolled back.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path repository = RepositoryFiles.root();
        PrintStream out = System.out;
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 6));
        out.printf("meshcanary demo: app %s in cluster %s, mesh %s%n", shop.app, shop.cluster, shop.mesh);
        out.println("  (ECS tasks and their events come from the runtime's ECS simulator; the functions, workflow,"
                + " mesh, Cloud Map, DynamoDB, CloudWatch and EventBridge are the real code against the emulator)");
        DemoScenario scenario = new DemoScenario(shop, repository, StackResources.ref("RolloutTable"), new Timeline(out,
                Boolean.getBoolean("meshcanary.demo.terminal")));
        List<RolloutRun> runs = scenario.run();
        printSummary(out, shop, runs);
        Path chart = scenario.writeChart(runs, repository.resolve("local/target/demo/rollouts.html"));
        out.println("chart of the weights over time: " + chart.toUri());
        System.exit(DemoScenario.wentAsExpected(runs) ? 0 : 1);
    }

    private static void printSummary(PrintStream out, DemoShop shop, List<RolloutRun> runs) {
        out.printf("%nsummary%n  %-4s %-24s %-10s %6s  %-6s %s%n", "", "rollout", "outcome", "took", "steps",
                "why");
        for (RolloutRun run : runs) {
            out.printf("  %-4s %-24s %-10s %5.1fs  %-6s %s%n", run.label(), run.title(), run.phase(), run.seconds(),
                    run.record().map(record -> Integer.toString(record.step())).orElse("-"),
                    RolloutTimeline.shortName(run.reason()));
        }
        int canary = shop.canaryWeight();
        out.printf("  route now: primary %d%% | canary %d%%; %s-primary runs %s%n", 100 - canary, canary, shop.app,
                RolloutTimeline.shortName(shop.service(shop.app + "-primary").orElseThrow().taskDefinition()));
    }
}
