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
 * simulator). Exits 0 when v2 was promoted and v3 rolled back (and v4, behind a router whose traffic the judge
 * reads).
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("--mode")) {
            runNative(args.length == 4 ? args[3] : NativeScenario.Network.ALB.type);
            return;
        }
        Router router = routerOf(args);
        Path repository = RepositoryFiles.root();
        PrintStream out = System.out;
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 6));
        RouterFixture route = router.on(shop);
        out.printf("meshcanary demo: app %s in cluster %s, behind a %s (router %s)%n", shop.app, shop.cluster,
                router.weighs, router.type);
        out.println("  (ECS tasks and their events come from the runtime's ECS simulator; the functions, workflow,"
                + " router, DynamoDB, CloudWatch and EventBridge are the real code against the emulator)");
        DemoScenario scenario = new DemoScenario(shop, route, repository, StackResources.ref("RolloutTable"),
                new Timeline(out, Boolean.getBoolean("meshcanary.demo.terminal")));
        List<RolloutRun> runs = scenario.run();
        printSummary(out, shop, route, runs);
        // One file per router, so that a demo behind another router leaves the last one's chart alone.
        Path chart = scenario.writeChart(runs, repository.resolve("local/target/demo/rollouts-%s.html"
                .formatted(router.type)));
        out.println("chart of the weights over time: " + chart.toUri());
        System.exit(DemoScenario.wentAsExpected(runs) ? 0 : 1);
    }

    /**
     * {@code --mode native [--router alb|service-connect]}: the {@link NativeScenario}, its timeline, then one line
     * per release. local/bin/demo has checked the arguments.
     */
    private static void runNative(String networkType) throws InterruptedException {
        NativeScenario.Network network = NativeScenario.Network.ofType(networkType);
        PrintStream out = System.out;
        DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 6));
        out.printf("meshcanary demo, native mode: app %s in cluster %s, deployed by ECS on %s%n", shop.app,
                shop.cluster, network.type);
        out.println("  (ECS's own deployments come from the runtime's ECS stand-in; the functions, workflow,"
                + " DynamoDB, CloudWatch and EventBridge are the real code against the emulator; meshcanary only"
                + " answers ECS's pauses)");
        List<NativeRun> runs = new NativeScenario(shop, network, RepositoryFiles.root(),
                StackResources.ref("RolloutTable"), new Timeline(out, Boolean.getBoolean("meshcanary.demo.terminal")))
                .run();
        out.printf("%nsummary%n  %-4s %-10s %-20s %-6s %s%n", "", "rollout", "ECS's deployment", "pauses",
                "service on");
        for (NativeRun run : runs) {
            out.printf("  %-4s %-10s %-20s %-6d %s%n", run.label(), run.phase(), run.deploymentStatus(),
                    run.answers().size(), RolloutTimeline.shortName(run.serviceTaskDefinition()));
        }
        out.printf("  %s-primary: %s%n", shop.app, shop.service(shop.app + "-primary").isPresent() ? "present"
                : "none, meshcanary made no twin");
        System.exit(NativeScenario.wentAsExpected(runs) ? 0 : 1);
    }

    /** {@code --router TYPE} picks the router; ALB unless asked, since App Mesh can no longer be reached. */
    private static Router routerOf(String[] args) {
        if (args.length == 0) {
            return Router.ALB;
        }
        try {
            if (args.length == 2 && args[0].equals("--router")) {
                return Router.ofType(args[1]);
            }
            throw new IllegalArgumentException("unknown arguments " + String.join(" ", args));
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.err.println("usage: local/bin/demo [--router alb|vpc-lattice|appmesh]");
            System.exit(2);
            throw e;
        }
    }

    private static void printSummary(PrintStream out, DemoShop shop, RouterFixture route, List<RolloutRun> runs) {
        out.printf("%nsummary%n  %-4s %-24s %-10s %6s  %-6s %s%n", "", "rollout", "outcome", "took", "steps",
                "why");
        for (RolloutRun run : runs) {
            out.printf("  %-4s %-24s %-10s %5.1fs  %-6s %s%n", run.label(), run.title(), run.phase(), run.seconds(),
                    run.record().map(record -> Integer.toString(record.step())).orElse("-"),
                    RolloutTimeline.shortName(run.reason()));
        }
        int canary = route.canaryWeight();
        out.printf("  route now: primary %d%% | canary %d%%; %s-primary runs %s%n", 100 - canary, canary, shop.app,
                RolloutTimeline.shortName(shop.service(shop.app + "-primary").orElseThrow().taskDefinition()));
    }
}
