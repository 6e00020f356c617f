package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.cli.Run;
import io.meshcanary.local.demo.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/meshcanary}'s verbs against the local runtime, on real rollouts of the shop: the CLI finds the stack
 * from the runtime's folder, reads the route back through the product's router adapters, and steers through the
 * workflow's manual executions. Each test asserts what the verb changed on the route, the record or the services.
 */
@Order(9) // among the longest classes: started early (junit-platform.properties)
class OperatorCliEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void statusAndWatchFollowARealRolloutThatPromoteEndsEarly() throws Exception {
        CanaryApp app = new CanaryApp();
        // 19 steps of 4 s: the promote below must reach the rollout before its last step, after two status runs that
        // take seconds each on a loaded machine.
        ObjectNode spec = app.spec().put("intervalSeconds", 4);
        ArrayNode weights = spec.putObject("steps").putArray("weights");
        for (int weight = 5; weight <= 95; weight += 5) {
            weights.add(weight);
        }
        app.bootstrap(spec);
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitStep(v2, 1);
        CompletableFuture<Run> watch = inBackground(() -> Run.cli("watch", app.app));

        int before = app.canaryWeight();
        Run status = Run.cli("status", app.app, "--output", "json");
        int after = app.canaryWeight();

        assertThat(status.exitCode()).as(status.err()).isZero();
        JsonNode line = JSON.readTree(status.out()).get(0);
        assertThat(line.path("service").asText()).isEqualTo(app.service());
        assertThat(line.path("phase").asText()).isEqualTo("PROGRESSING");
        assertThat(line.path("steps").asInt()).isEqualTo(19);
        assertThat(line.path("routed").path("canary").asInt()).as("read back from the route").isBetween(before, after);
        assertThat(line.path("canaryRevision").asText()).endsWith(":2");
        Run table = Run.cli("status");
        assertThat(table.out()).contains("APP", "PHASE", "WEIGHTS (ROUTER)").contains(app.service());

        // Step 2 lasts one interval, less than the two status runs above may take on a busy machine: wait until the
        // rollout has reached it (the watch shows each step from the record's history), not for it to be there now.
        app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2) && record.path("step").asInt() >= 2,
                "step 2 or later of " + v2);
        Run promote = Run.cli("promote", app.app);
        assertThat(promote.exitCode()).as(promote.err()).isZero();
        assertThat(promote.out()).contains("promotion requested");

        Run watched = watch.get(90, TimeUnit.SECONDS);
        assertThat(watched.exitCode()).as(watched.out() + watched.err()).isZero();
        assertThat(watched.out()).contains("PROGRESSING", "step 1/19", "step 2/19",
                "promotion requested by an operator", "PROMOTING", "SUCCEEDED").contains("promoted " + app.app);
        JsonNode record = app.awaitRollout(v2, "SUCCEEDED");
        assertThat(record.path("step").asInt()).as("the remaining steps were skipped").isLessThan(19);
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
        assertThat(app.canaryWeight()).isZero();
    }

    @Test
    void abortRevertsTrafficAtOnceAndRetryRollsTheSameRevisionOutAgain() throws Exception {
        CanaryApp app = new CanaryApp();
        String v2 = rolloutAtItsFirstStep(app);
        assertThat(app.canaryWeight()).isPositive();
        CompletableFuture<Run> watch = inBackground(() -> Run.cli("watch", app.app));

        Run abort = Run.cli("abort", app.app, "--reason", "bad smell");

        assertThat(abort.exitCode()).as(abort.err()).isZero();
        assertThat(app.canaryWeight()).as("the route, as soon as abort returned").isZero();
        assertThat(abort.out()).contains("aborted").contains("primary 100% | canary   0%");
        JsonNode failed = app.awaitRollout(v2, "FAILED");
        assertThat(failed.path("reason").asText()).contains("bad smell");
        Run watched = watch.get(60, TimeUnit.SECONDS);
        assertThat(watched.exitCode()).as("watch of a rolled-back rollout").isEqualTo(1);
        assertThat(watched.out()).contains("ABORTED", "FAILED").contains("bad smell");
        Run history = Run.cli("history", app.app, "--output", "json");
        assertThat(phases(history)).contains("PROGRESSING", "ABORTED").endsWith("FAILED");

        Run retry = Run.cli("retry", app.app);

        assertThat(retry.exitCode()).as(retry.err()).isZero();
        String failedExecution = failed.path("execution").asText();
        app.awaitRecord(record -> !record.path("execution").asText().equals(failedExecution), "a new rollout");
        app.awaitRollout(v2, "SUCCEEDED");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
        Run again = Run.cli("retry", app.app);
        assertThat(again.exitCode()).as("nothing to retry after a success").isEqualTo(1);
        assertThat(again.err()).contains("ended SUCCEEDED, not FAILED");
    }

    /**
     * status APP prints the rollout's view under its row; watch redraws it in place on a terminal (cursor home, each
     * frame over the last) until the rollout ends, and appends a plain log elsewhere.
     */
    @Test
    void watchRedrawsTheRolloutViewOnATerminalAndStatusPrintsItOnce() throws Exception {
        CanaryApp app = new CanaryApp();
        String v2 = rolloutAtItsFirstStep(app);
        CompletableFuture<Run> watch = inBackground(() -> Run.onTerminal("watch", app.app));

        Run status = Run.cli("status", app.app);

        assertThat(status.exitCode()).as(status.err()).isZero();
        String revision = v2.substring(v2.lastIndexOf('/') + 1);
        assertThat(status.out()).contains("PROGRESSING  rollout of " + revision, "WEIGHT (ROUTER)");
        assertThat(status.out().lines()).as("the step it is at, marked").anyMatch(line -> line.matches(
                "  \\[>\\] step [1-3]/3 .*<- now"));
        assertThat(status.out().lines()).as("the canary track: its revision, 1 desired, 1 running").anyMatch(line ->
                line.matches("  canary +" + revision + " +1 +1 .*"));
        Run watched = watch.get(90, TimeUnit.SECONDS);
        assertThat(watched.exitCode()).as(watched.err()).isZero();
        String[] frames = watched.out().split("\u001b\\[H");
        assertThat(frames.length).as("redrawn, not appended").isGreaterThan(2);
        assertThat(frames[frames.length - 1]).contains("SUCCEEDED  rollout of " + revision, "[x] step 3/3",
                "[x] promote", "next   nothing: ended SUCCEEDED");
        Run log = Run.cli("watch", app.app);
        assertThat(log.out()).as("no cursor moves in a pipe").doesNotContain("\u001b").contains("promoted " + app.app);
    }

    /**
     * The record holds only the app's last rollout: history lists the earlier ones from the summaries the functions
     * keep (under the local IAM check, which lets them write only what template.yaml allows).
     */
    @Test
    void historyListsEveryRolloutNewestFirstWithItsOutcome() throws Exception {
        CanaryApp app = new CanaryApp();
        app.bootstrap(app.spec().put("intervalSeconds", 3));
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitRollout(v2, "SUCCEEDED");
        String v3 = app.registerRevision("orders:3");
        app.deploy(v3);
        app.awaitStep(v3, 1);
        Run abort = Run.cli("abort", app.app, "--reason", "practice");
        assertThat(abort.exitCode()).as(abort.err()).isZero();
        app.awaitRollout(v3, "FAILED");

        Run history = Run.cli("history", app.app, "--output", "json");

        assertThat(history.exitCode()).as(history.err()).isZero();
        List<String> outcomes = new ArrayList<>();
        List<String> revisions = new ArrayList<>();
        JSON.readTree(history.out()).path("rollouts").forEach(rollout -> {
            outcomes.add(rollout.path("phase").asText() + " " + rollout.path("reason").asText(""));
            revisions.add(rollout.path("canaryTaskDefinition").asText());
        });
        assertThat(revisions).as("newest first, the bootstrap last").hasSize(3).startsWith(v3, v2);
        assertThat(outcomes).containsExactly("FAILED aborted by an operator: practice", "SUCCEEDED ",
                "SUCCEEDED ");
        Run table = Run.cli("history", app.app);
        assertThat(table.out()).contains(app.service() + ": 3 rollouts, newest first");
        assertThat(table.out().lines().filter(line -> line.contains("FAILED") || line.contains("SUCCEEDED"))
                .limit(3).toList()).satisfiesExactly(
                        newest -> assertThat(newest).contains(":3", "FAILED", "aborted by an operator: practice"),
                        promoted -> assertThat(promoted).contains(":2", "SUCCEEDED"),
                        bootstrap -> assertThat(bootstrap).contains("SUCCEEDED", "bootstrap"));
    }

    @Test
    void approvePassesTheManualGateAndIsRefusedWhereNoGateWaits() throws Exception {
        CanaryApp app = new CanaryApp();
        bootstrapWithManualGate(app);

        Run early = Run.cli("approve", app.app);
        assertThat(early.exitCode()).as("no rollout runs").isEqualTo(1);
        assertThat(early.err()).contains("approve of " + app.service() + " refused");

        String v2 = deployToTheManualGate(app);
        CompletableFuture<Run> watch = inBackground(() -> Run.cli("watch", app.app, "-o", "json"));
        Run approve = Run.cli("approve", app.app);

        assertThat(approve.exitCode()).as(approve.err()).isZero();
        assertThat(approve.out()).contains("approved");
        JsonNode promoted = app.awaitRollout(v2, "SUCCEEDED");
        assertThat(notes(promoted)).contains("approved by an operator");
        Run watched = watch.get(60, TimeUnit.SECONDS);
        assertThat(watched.exitCode()).as(watched.err()).isZero();
        List<String> seen = new ArrayList<>();
        for (String line : watched.out().strip().split("\n")) {
            seen.add(JSON.readTree(line).path("transition").path("note").asText());
        }
        assertThat(seen).as("one JSON line per transition of the record").isEqualTo(notes(promoted));
    }

    /**
     * An abort fails the waiting gate's task token at once. states:SendTaskFailure has no resource type in the Service
     * Authorization Reference, so only a statement with Resource "*" allows it, as the local IAM check holds.
     */
    @Test
    void abortAtAWaitingManualGateFailsItsTokenAndRollsBack() throws Exception {
        CanaryApp app = new CanaryApp();
        bootstrapWithManualGate(app);
        String v2 = deployToTheManualGate(app);

        Run abort = Run.cli("abort", app.app, "--reason", "not today");

        assertThat(abort.exitCode()).as(abort.err()).isZero();
        JsonNode failed = app.awaitRollout(v2, "FAILED");
        assertThat(failed.path("reason").asText()).contains("not today");
        assertThat(app.canaryWeight()).isZero();
    }

    @Test
    void onboardStoresALintedSpecThatTheNextDeploymentsRollOut() throws Exception {
        CanaryApp app = new CanaryApp();
        app.createService(app.registerRevision("orders:1"));
        app.awaitFirstDeploymentHandled();
        ObjectNode spec = app.spec();
        Path broken = Files.writeString(folder.resolve("broken.json"), spec.deepCopy().put("intervalSeconds", 0)
                .toString());
        Path good = Files.writeString(folder.resolve("orders.canary.json"), spec.toString());

        Run refused = Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec", broken.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("intervalSeconds: ").contains("nothing was stored");
        assertThat(app.storedSpec()).isNull();

        Run onboard = Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec", good.toString());

        assertThat(onboard.exitCode()).as(onboard.err()).isZero();
        assertThat(JSON.readTree(app.storedSpec())).isEqualTo(spec);
        // onboard checks that the service exists, so the service ran before it was onboarded: its next deployment
        // bootstraps the twin.
        String v1 = app.registerRevision("orders:1");
        app.deploy(v1);
        app.awaitRollout(v1, "SUCCEEDED");
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitRollout(v2, "SUCCEEDED");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
    }

    /**
     * An SSM parameter holds 4,096 characters in the Standard tier and 8,192 in the Advanced one, which the local SSM
     * enforces: onboard stores a spec without its whitespace, in a tier that grows to Advanced, and refuses by name
     * a spec that no parameter holds.
     */
    @Test
    void onboardStoresASpecOverFourKilobytesAndRefusesOneNoParameterHolds() throws Exception {
        CanaryApp app = new CanaryApp();
        app.createService(app.registerRevision("orders:1"));
        app.awaitFirstDeploymentHandled();
        ObjectNode large = withMetricChecks(app.spec(), 16);
        Path largeFile = Files.writeString(folder.resolve("large.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(large));
        Path tooLargeFile = Files.writeString(folder.resolve("too-large.json"), withMetricChecks(app.spec(), 40)
                .toString());

        Run refused = Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec",
                tooLargeFile.toString());
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("too-large.json").contains("holds at most 8192")
                .contains("nothing was stored");
        assertThat(app.storedSpec()).isNull();

        Run onboard = Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec",
                largeFile.toString());

        assertThat(onboard.exitCode()).as(onboard.err()).isZero();
        assertThat(app.storedSpec()).hasSizeGreaterThan(4096);
        assertThat(JSON.readTree(app.storedSpec())).isEqualTo(large);
    }

    /** The app bootstrapped with a manual gate before promotion, its canary healthy. */
    private static void bootstrapWithManualGate(CanaryApp app) {
        ObjectNode spec = app.spec();
        spec.putObject("gates").putObject("prePromotion").put("type", "manual");
        app.bootstrap(spec);
        app.reportErrorRate(0.2);
    }

    /** Deploys orders:2 and returns its task definition once its rollout waits at the manual gate. */
    /** A healthy v2's rollout, at its first step of three, three seconds apart; returns v2. */
    /**
     * A watch on a thread of its own: CompletableFuture's common pool has one thread on a 2-core machine, so the
     * class's watches, running side by side, would start one after another's end, too late to see their rollouts.
     */
    private static CompletableFuture<Run> inBackground(Supplier<Run> run) {
        return CompletableFuture.supplyAsync(run, command -> Thread.ofPlatform().daemon().start(command));
    }

    private static String rolloutAtItsFirstStep(CanaryApp app) {
        app.bootstrap(app.spec().put("intervalSeconds", 3));
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitStep(v2, 1);
        return v2;
    }

    private static String deployToTheManualGate(CanaryApp app) {
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2) && record.hasNonNull("approvalToken"),
                "the rollout waiting at its manual gate");
        return v2;
    }

    /** The spec with {@code count} metric checks, each a copy of its first under a name of its own. */
    private static ObjectNode withMetricChecks(ObjectNode spec, int count) {
        ArrayNode metrics = (ArrayNode) spec.path("analysis").path("metrics");
        ObjectNode first = (ObjectNode) metrics.get(0);
        for (int i = metrics.size(); i < count; i++) {
            metrics.add(first.deepCopy().put("name", "%s-%d".formatted(first.path("name").asText(), i)));
        }
        return spec;
    }

    @Test
    void statusReadsTheRouteNotTheRecordAndResyncPrintsAndRepairsTheDrift() throws Exception {
        CanaryApp app = new CanaryApp();
        app.bootstrap(app.spec());
        app.editWeights(30);

        Run status = Run.cli("status", app.service(), "--output", "json");
        assertThat(JSON.readTree(status.out()).get(0).path("routed").path("canary").asInt())
                .as("the weights someone set by hand, not the record's 0").isEqualTo(30);

        Run dryRun = Run.cli("resync", "--dry-run", app.app);
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("dry run", "WEIGHT_DRIFT", app.service());
        assertThat(app.canaryWeight()).as("a dry run changes nothing").isEqualTo(30);

        Run resync = Run.cli("resync", app.app);
        assertThat(resync.exitCode()).as(resync.err()).isZero();
        assertThat(resync.out()).contains("WEIGHT_DRIFT").containsPattern("WEIGHT_DRIFT +\\S+ +yes");
        assertThat(app.canaryWeight()).isZero();
    }

    @Test
    void theScriptFindsTheLocalRuntimeItRunsIn() throws Exception {
        CanaryApp app = new CanaryApp();
        app.bootstrap(app.spec());
        Path broken = Files.writeString(folder.resolve("broken.json"), app.spec().put("intervalSeconds", 0)
                .toString());

        Script status = Script.run("status", app.service(), "--output", "json");
        Script lint = Script.run("lint", broken.toString());

        assertThat(status.exitCode()).as(status.output()).isZero();
        JsonNode line = JSON.readTree(status.output().substring(status.output().indexOf('['))).get(0);
        assertThat(line.path("phase").asText()).isEqualTo("SUCCEEDED");
        assertThat(line.path("routed").path("primary").asInt()).as("the route, read through App Mesh").isEqualTo(100);
        assertThat(lint.exitCode()).isEqualTo(2);
        assertThat(lint.output()).contains(broken + ": intervalSeconds: must be");
    }

    @Test
    void offboardGivesTheRuleBackAndRemovesTheTwinAndIsRefusedDuringARollout() {
        CanaryApp app = new CanaryApp(Router.ALB);
        Object before = app.untouched();
        String v1 = app.bootstrap(app.spec());
        assertThat(app.service(app.app + "-primary")).isPresent();

        Run offboard = Run.cli("offboard", app.app);

        assertThat(offboard.exitCode()).as(offboard.err()).isZero();
        assertThat(offboard.out()).contains("offboarded");
        assertThat(app.service(app.app + "-primary")).as("the twin").isEmpty();
        assertThat(app.service(app.app).orElseThrow().taskDefinition()).isEqualTo(v1);
        assertThat(app.service(app.app).orElseThrow().desiredCount()).isPositive();
        assertThat(app.untouched()).as("the team's rule as before onboarding").isEqualTo(before);
    }

    @Test
    void unknownAppIsBadInputNamingIt() {
        Run run = Run.cli("watch", "no-such-app");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no app no-such-app is onboarded");
    }

    /** {@code bin/meshcanary} as an operator runs it, in this runtime's environment, on the build scripts/test made. */
    private record Script(int exitCode, String output) {

        static Script run(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(
                    SampleEvents.repositoryRoot().resolve("bin/meshcanary").toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("MESHCANARY_SKIP_BUILD", "1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("bin/meshcanary " + String.join(" ", args) + " did not end: " + output);
            }
            return new Script(process.exitValue(), output);
        }
    }

    private static List<String> phases(Run history) {
        List<String> phases = new ArrayList<>();
        try {
            JSON.readTree(history.out()).path("transitions").forEach(entry -> phases.add(entry.path("phase")
                    .asText()));
        } catch (IOException e) {
            throw new AssertionError("history --output json printed no JSON: " + history.out(), e);
        }
        return phases;
    }

    private static List<String> notes(JsonNode record) {
        List<String> notes = new ArrayList<>();
        record.path("history").forEach(entry -> notes.add(entry.path("note").asText()));
        return notes;
    }
}
