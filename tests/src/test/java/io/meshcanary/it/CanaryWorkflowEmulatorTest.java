package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.it.CanaryWorkflow.Outcome;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.Router;
import io.meshcanary.local.demo.WebhookGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The canary workflow end to end: the real statemachines/ definition runs in the emulator and invokes the real
 * handlers; ECS deployments come from the runtime's ECS simulator, and everything after them is the product.
 */
@Order(6) // among the longest classes: started early (junit-platform.properties)
class CanaryWorkflowEmulatorTest {

    private static final String INVALID_INPUT = "InvalidExecutionInput";
    private static final String INVALID_SPEC = "InvalidCanarySpec";
    /** How often the route's weight is read while a rollout steps through its weights. */
    private static final Duration WEIGHT_PAUSE = Duration.ofMillis(100);
    /** The states between two rollouts last only a handful of AWS calls. */
    private static final Duration SHORT_STATE_PAUSE = Duration.ofMillis(5);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Router.class)
    void newRevisionIsShiftedStepByStepAnalyzedThenPromoted(Router router) throws InterruptedException {
        CanaryApp app = new CanaryApp(router);
        Object before = app.untouched();
        app.bootstrap(app.spec());
        assertThat(app.record().orElseThrow().path("bootstrap").asBoolean()).isTrue();
        app.reportErrorRate(0.2);

        String v2 = app.registerRevision("orders:2");
        JsonNode rollout;
        List<Integer> observed;
        try (Changes<Integer> watcher = Changes.watch(app::canaryWeight, WEIGHT_PAUSE)) {
            app.deploy(v2);
            rollout = app.awaitRollout(v2, "SUCCEEDED");
            observed = weightsUpToNow(watcher::seen, app);
        }

        assertThat(stepWeights(rollout)).containsExactly(10, 20, 50);
        assertThat(observed).containsSubsequence(10, 20, 50).endsWith(0);
        assertThat(app.untouched()).as("what the team set on the route or rule").isEqualTo(before);
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
        assertThat(app.service(app.app).orElseThrow().desiredCount()).isZero();
        assertThat(rollout.path("primaryTaskDefinition").asText()).isEqualTo(v2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Router.class)
    void failingMetricCheckRollsBackAtThreshold(Router router) {
        CanaryApp app = new CanaryApp(router);
        Object before = app.untouched();
        ObjectNode spec = app.spec();
        String v1 = app.bootstrap(spec);
        app.reportErrorRate(5.0);

        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        JsonNode rollout = app.awaitRollout(v2, "FAILED");

        int threshold = spec.path("analysis").path("threshold").asInt();
        assertThat(rollout.path("failedChecks").asInt()).isEqualTo(threshold);
        assertThat(stepWeights(rollout)).as("one weight step per analysis until the threshold").hasSize(threshold);
        assertThat(rollout.path("reason").asText()).contains("failed (error-rate)");
        assertRolledBack(app, rollout, v1);
        assertThat(app.untouched()).as("what the team set on the route or rule").isEqualTo(before);
    }

    @Test
    void checkWithNoDataIsNeverAPass() {
        CanaryApp app = new CanaryApp();
        ObjectNode spec = app.spec();
        ((ObjectNode) spec.get("analysis")).put("threshold", 2).put("inconclusiveAsFailureAfter", 1);
        String v1 = app.bootstrap(spec);

        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        JsonNode rollout = app.awaitRollout(v2, "FAILED");

        assertThat(rollout.path("reason").asText()).contains("inconclusive (error-rate)");
        assertThat(phases(rollout)).doesNotContain("PROMOTING", "SUCCEEDED");
        assertRolledBack(app, rollout, v1);
    }

    @Test
    void closedGateRollsBack() throws InterruptedException {
        CanaryApp app = new CanaryApp();
        try (WebhookGate gate = WebhookGate.answering("""
                {"open": false, "reason": "change freeze"}""")) {
            ObjectNode spec = app.spec();
            spec.putObject("gates").putObject("preStep").put("type", "webhook").put("url", gate.url());
            String v1 = app.bootstrap(spec);
            app.reportErrorRate(0.2);

            String v2 = app.registerRevision("orders:2");
            JsonNode rollout;
            List<Integer> observed;
            try (Changes<Integer> watcher = Changes.watch(app::canaryWeight, WEIGHT_PAUSE)) {
                app.deploy(v2);
                rollout = app.awaitRollout(v2, "FAILED");
                observed = weightsUpToNow(watcher::seen, app);
            }

            assertThat(rollout.path("reason").asText()).contains("change freeze");
            assertThat(gate.asked()).singleElement().satisfies(payload -> {
                assertThat(payload.path("service").asText()).isEqualTo(app.app);
                assertThat(payload.path("cluster").asText()).isEqualTo(app.cluster);
                assertThat(payload.path("stage").asText()).isEqualTo("preStep");
                assertThat(payload.path("taskDefinition").asText()).isEqualTo(v2);
                assertThat(payload.path("canaryWeight").asInt()).as("traffic never rose past the closed gate")
                        .isEqualTo(Collections.max(observed));
            });
            assertRolledBack(app, rollout, v1);
        }
    }

    /** The one gate pattern of the workflow leads each stage on to its own next state: scale out, then promote. */
    @Test
    void openGatesBeforeTheRolloutAndBeforePromotionLetItPromote() {
        CanaryApp app = new CanaryApp();
        try (WebhookGate gate = WebhookGate.answering("""
                {"open": true}""")) {
            ObjectNode spec = app.spec();
            ObjectNode gates = spec.putObject("gates");
            gates.putObject("preRollout").put("type", "webhook").put("url", gate.url());
            gates.putObject("prePromotion").put("type", "webhook").put("url", gate.url());
            app.bootstrap(spec);
            app.reportErrorRate(0.2);

            String v2 = app.registerRevision("orders:2");
            app.deploy(v2);
            JsonNode rollout = app.awaitRollout(v2, "SUCCEEDED");

            assertThat(gate.asked()).extracting(payload -> payload.path("stage").asText())
                    .containsExactly("preRollout", "prePromotion");
            assertThat(gate.asked().getFirst().path("canaryWeight").asInt()).as("before the rollout").isZero();
            assertThat(stepWeights(rollout)).containsExactly(10, 20, 50);
            assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
        }
    }

    @Test
    void failingStepRollsBack() {
        CanaryApp app = new CanaryApp();
        String v1 = app.bootstrap(app.spec());
        app.reportErrorRate(0.2);

        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2) && record.path("step").asInt() >= 1, "the first weight step");
        // No weight step reads the registrations, so the failure surfaces when the promotion waits for the primary.
        app.deleteCloudMapService();
        JsonNode rollout = app.awaitRollout(v2, "FAILED");

        String failedStep = CanaryWorkflow.history(rollout.path("execution").asText()).stream()
                .filter(event -> event.type() == HistoryEventType.TASK_FAILED)
                .map(event -> event.taskFailedEventDetails().error())
                .findFirst().orElseThrow(() -> new AssertionError("no step of the rollout failed"));
        assertThat(rollout.path("reason").asText()).startsWith(failedStep + ": ");
        // Without its registrations nothing tells that the primary serves: the canary's tasks may be the only ones.
        assertRolledBack(app, rollout, v1, app.spec().path("canary").path("desiredCount").asInt());
        assertThat(rollout.path("history").findValuesAsText("note")).anyMatch(note -> note.startsWith(
                "all traffic on the primary; the canary keeps its tasks: the primary's tasks could not be counted"));
    }

    @Test
    void duplicateDeploymentEventYieldsOneExecution() {
        CanaryApp app = new CanaryApp();
        app.bootstrap(app.spec());
        app.reportErrorRate(0.2);

        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        JsonNode started = app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2), "the rollout of " + v2);
        String execution = started.path("execution").asText();
        String deploymentId = started.path("deploymentId").asText();
        ObjectNode duplicate = SampleEvents.load("deployment-in-progress.json");
        duplicate.putArray("resources").add(app.service(app.app).map(Service::serviceArn).orElseThrow());
        ((ObjectNode) duplicate.get("detail")).put("deploymentId", deploymentId);
        Bus.put(duplicate);

        List<JsonNode> handled = Eventually.until(() -> FunctionLog.lines(line -> line.path("message").asText()
                        .equals("deployment handled") && line.path("deployment").asText().equals(deploymentId)),
                lines -> lines.size() == 2, "the trigger to handle the duplicate of " + deploymentId);
        assertThat(handled).allSatisfy(line -> assertThat(line.path("execution").asText()).isEqualTo(execution));
        assertThat(CanaryWorkflow.executionsNamed(execution)).hasSize(1);
        app.awaitRollout(v2, "SUCCEEDED");
        assertThat(CanaryWorkflow.executionsNamed(execution)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Router.class)
    void newerDeploymentSupersedesTheRunningRollout(Router router) throws InterruptedException {
        CanaryApp app = new CanaryApp(router);
        app.bootstrap(app.spec().put("intervalSeconds", 3));
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        String v3 = app.registerRevision("orders:3");

        String older;
        JsonNode newer;
        List<Integer> observed;
        List<Optional<JsonNode>> records;
        // Watched every few milliseconds: between the two rollouts, each state lasts only a few AWS calls.
        try (Changes<Integer> weights = Changes.watch(app::canaryWeight, SHORT_STATE_PAUSE);
                Changes<Optional<JsonNode>> recordChanges = Changes.watch(app::record, SHORT_STATE_PAUSE)) {
            app.deploy(v2);
            older = app.awaitStep(v2, 1).path("execution").asText();
            // v3 rolls out at the one-second interval: only v2 needs to be caught mid-step.
            app.onboard(app.spec());
            app.deploy(v3);
            newer = app.awaitRollout(v3, "SUCCEEDED");
            observed = weightsUpToNow(weights::seen, app);
            records = recordChanges.seen();
        }

        assertThat(records.stream().flatMap(Optional::stream))
                .filteredOn(record -> record.path("execution").asText().equals(older)).last()
                .satisfies(last -> {
                    assertThat(last.path("phase").asText()).isEqualTo("SUPERSEDED");
                    assertThat(last.path("reason").asText()).contains(newer.path("execution").asText());
                });
        Outcome superseded = CanaryWorkflow.awaitOutcome(older);
        assertThat(superseded.status()).isIn(ExecutionStatus.ABORTED, ExecutionStatus.FAILED);
        // moto 5.2.5 drops the error and cause StopExecution is given: its ExecutionAborted event carries "".
        assertThat(superseded.error()).isIn("Superseded", "");
        assertThat(observed).containsSubsequence(10, 0, 10, 20, 50, 0);
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v3);
    }

    @Test
    void invalidManualInputsFailNamedAndChangeNothing() {
        CanaryApp app = new CanaryApp();
        app.bootstrap(app.spec());
        Snapshot before = Snapshot.of(app);
        ObjectNode withoutSteps = app.spec();
        withoutSteps.remove("steps");
        ObjectNode withoutCluster = manualInput(app);
        withoutCluster.remove("cluster");
        List<InvalidInput> inputs = List.of(
                new InvalidInput(withoutCluster, INVALID_INPUT, "cluster"),
                new InvalidInput(manualInput(app).put("colour", "blue"), INVALID_INPUT, "colour"),
                new InvalidInput(manualInput(app).set("spec", withoutSteps), INVALID_SPEC, "steps"),
                new InvalidInput(manualInput(app).put("service", "payments-" + app.id), INVALID_INPUT, "service"),
                new InvalidInput(manualInput(app).put("action", "bogus"), INVALID_INPUT, "action"));

        inputs.forEach(input -> CanaryWorkflow.start(input.execution(app), input.input().toString()));

        for (InvalidInput input : inputs) {
            Outcome outcome = CanaryWorkflow.awaitOutcome(input.execution(app));
            assertThat(outcome.status()).as(input.input().toString()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(outcome.error()).as(input.input().toString()).isEqualTo(input.error());
            assertThat(failureMessage(outcome)).as(input.input().toString()).startsWith(input.field() + ": ");
        }
        assertThat(Snapshot.of(app)).isEqualTo(before);
    }

    @Test
    void albRuleTheStackCannotFindOrAnotherServicesTargetGroupFailsBeforeTrafficMoves() {
        CanaryApp app = new CanaryApp(Router.ALB);
        AlbRule rule = (AlbRule) app.router;
        // Not onboarded, so no bootstrap starts: only the manual executions below act on the app.
        app.createService(app.registerRevision("orders:1"));
        Object before = app.untouched();
        ObjectNode missingRule = app.spec();
        missingRule.withObjectProperty("router").put("ruleArn", rule.ruleArn + "0");
        ObjectNode foreignGroup = app.spec();
        foreignGroup.withObjectProperty("router").put("targetGroupArn", rule.legacyTargetGroup);
        List<InvalidInput> inputs = List.of(
                new InvalidInput(manualInput(app).set("spec", missingRule), INVALID_SPEC, "router.ruleArn"),
                new InvalidInput(manualInput(app).set("spec", foreignGroup), INVALID_SPEC, "router.targetGroupArn"));

        inputs.forEach(input -> CanaryWorkflow.start(input.execution(app), input.input().toString()));

        for (InvalidInput input : inputs) {
            Outcome outcome = CanaryWorkflow.awaitOutcome(input.execution(app));
            assertThat(outcome.error()).as(input.field()).isEqualTo(input.error());
            assertThat(failureMessage(outcome)).as(input.field()).startsWith(input.field() + ": ");
        }
        assertThat(app.untouched()).isEqualTo(before);
        assertThat(rule.rule().actions().getFirst().forwardConfig().targetGroups()).as("no primary group added")
                .hasSize(2);
        assertThat(app.service(app.app + "-primary")).isEmpty();
        assertThat(app.record()).isEmpty();
    }

    /**
     * Service Connect clients reach the team's service through ECS's own proxies, which have no weights a twin could
     * take a share by: a twin would leave them without the service once the team's service sits at zero.
     */
    @Test
    void serviceConnectIsRefusedByNameBeforeAnythingIsCreatedOrMoved() {
        CanaryApp app = new CanaryApp(Router.ALB);
        AlbRule rule = (AlbRule) app.router;
        app.shop.createService(app.registerRevision("orders:1"), request -> request
                .loadBalancers(LoadBalancer.builder().targetGroupArn(rule.targetGroup).containerName("orders")
                        .containerPort(8080).build())
                .serviceConnectConfiguration(connect -> connect.enabled(true).namespace(app.shop.namespace)
                        .services(service -> service.portName("http").clientAliases(alias -> alias.port(8080)))));
        Object before = app.untouched();
        InvalidInput input = new InvalidInput(manualInput(app).set("spec", app.spec()), INVALID_INPUT, "service");

        CanaryWorkflow.start(input.execution(app), input.input().toString());

        Outcome outcome = CanaryWorkflow.awaitOutcome(input.execution(app));
        assertThat(outcome.error()).isEqualTo(INVALID_INPUT);
        assertThat(failureMessage(outcome)).startsWith("service: ").contains("serviceConnectConfiguration", "native");
        assertThat(app.untouched()).isEqualTo(before);
        assertThat(rule.rule().actions().getFirst().forwardConfig().targetGroups()).as("no primary group added")
                .hasSize(2);
        assertThat(app.service(app.app + "-primary")).isEmpty();
        assertThat(app.service(app.app).orElseThrow().desiredCount()).as("the team's service").isEqualTo(1);
        assertThat(app.record()).isEmpty();
    }

    @Test
    void manualAbortRollsBackARunningRollout() throws InterruptedException {
        CanaryApp app = new CanaryApp();
        String v1 = app.bootstrap(app.spec().put("intervalSeconds", 4));
        app.reportErrorRate(0.2);

        String v2 = app.registerRevision("orders:2");
        JsonNode aborted;
        JsonNode rollout;
        List<Integer> observed;
        try (Changes<Integer> watcher = Changes.watch(app::canaryWeight, WEIGHT_PAUSE)) {
            app.deploy(v2);
            app.awaitStep(v2, 1);
            String abort = "abort-" + app.id;
            CanaryWorkflow.start(abort, manualInput(app).put("action", "abort").put("reason", "bad smell").toString());
            assertThat(CanaryWorkflow.awaitOutcome(abort).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(app.canaryWeight()).isZero();
            aborted = app.record().orElseThrow();
            rollout = app.awaitRollout(v2, "FAILED");
            observed = weightsUpToNow(watcher::seen, app);
        }

        assertThat(aborted.path("phase").asText()).isEqualTo("ABORTED");
        assertThat(notes(aborted)).as("the abort landed before the rollout's next step")
                .endsWith("weight 10%", "aborted by an operator: bad smell", "all traffic on the primary");
        assertThat(rollout.path("reason").asText()).isEqualTo("aborted by an operator: bad smell");
        assertThat(observed).containsExactly(0, 10, 0);
        assertRolledBack(app, rollout, v1);
    }

    @Test
    void abortWhileThePrimaryRunsNothingKeepsTheCanarysTasks() {
        CanaryApp app = new CanaryApp();
        String v1 = app.bootstrap(app.spec().put("intervalSeconds", 30));
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitStep(v2, 1);
        // Someone scales the twin in by hand: its tasks stop and leave Cloud Map, and only the canary's serve.
        AWS.ecs.updateService(request -> request.cluster(app.cluster).service(app.app + "-primary").desiredCount(0));
        Eventually.until(app::instances, instances -> instances.values().stream()
                .noneMatch(attributes -> "primary".equals(attributes.get("track"))), "the primary's tasks to stop");

        String abort = "abort-" + app.id;
        CanaryWorkflow.start(abort, manualInput(app).put("action", "abort").put("reason", "bad smell").toString());
        JsonNode rollout = app.awaitRollout(v2, "FAILED");

        assertRolledBack(app, rollout, v1, app.spec().path("canary").path("desiredCount").asInt());
        assertThat(notes(rollout)).contains("all traffic on the primary; the canary keeps its tasks: the primary has no "
                + "registered, healthy task of revision " + v1.substring(v1.lastIndexOf(':') + 1));
    }

    /** What every rollback leaves: all traffic on the primary, which keeps its revision, and the canary scaled in. */
    private static void assertRolledBack(CanaryApp app, JsonNode rollout, String primaryRevision) {
        assertRolledBack(app, rollout, primaryRevision, 0);
    }

    private static void assertRolledBack(CanaryApp app, JsonNode rollout, String primaryRevision, int canaryTasks) {
        assertThat(app.canaryWeight()).isZero();
        assertThat(rollout.path("weights").path("canary").asInt()).isZero();
        assertThat(app.service(app.app).orElseThrow().desiredCount()).isEqualTo(canaryTasks);
        Outcome execution = CanaryWorkflow.awaitOutcome(rollout.path("execution").asText());
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("RolledBack");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(primaryRevision);
    }

    /**
     * The weights a watcher saw, once it has seen the route as it is now: a rollout's record ends a moment after the
     * route's last change, and the watcher samples the route only between its pauses.
     */
    private static List<Integer> weightsUpToNow(Supplier<List<Integer>> seen, CanaryApp app) {
        int now = app.canaryWeight();
        return Eventually.until(seen, weights -> !weights.isEmpty() && weights.getLast() == now,
                "the watcher to see the route at %d%%".formatted(now));
    }

    private static ObjectNode manualInput(CanaryApp app) {
        return SampleEvents.JSON.createObjectNode().put("cluster", app.cluster).put("service", app.app);
    }

    /** The failed step's message: a Fail state's cause is the Lambda error document, or plain text. */
    private static String failureMessage(Outcome outcome) {
        try {
            return SampleEvents.JSON.readTree(outcome.cause()).path("errorMessage").asText(outcome.cause());
        } catch (JsonProcessingException e) {
            return outcome.cause();
        }
    }

    /** The canary weight of every weight step in the record's history, as read back from the route. */
    private static List<Integer> stepWeights(JsonNode rollout) {
        List<Integer> weights = new ArrayList<>();
        for (JsonNode entry : rollout.path("history")) {
            if (entry.path("note").asText().startsWith("weight ")) {
                weights.add(entry.path("canaryWeight").asInt());
            }
        }
        return weights;
    }

    private static List<String> phases(JsonNode rollout) {
        List<String> phases = new ArrayList<>();
        rollout.path("history").forEach(entry -> phases.add(entry.path("phase").asText()));
        return phases;
    }

    private static List<String> notes(JsonNode rollout) {
        List<String> notes = new ArrayList<>();
        rollout.path("history").forEach(entry -> notes.add(entry.path("note").asText()));
        return notes;
    }

    /** A manual execution input that must fail, the error it must fail with, and the field the cause must name. */
    private record InvalidInput(ObjectNode input, String error, String field) {

        String execution(CanaryApp app) {
            return "manual-%s-%s".formatted(app.id, field);
        }
    }

    /** Everything a manual execution could change about an app: its route, its record, its two services. */
    private record Snapshot(RouteSpec route, JsonNode record, String canaryRevision, int canaryCount,
            String primaryRevision, int primaryCount) {

        static Snapshot of(CanaryApp app) {
            Service canary = app.service(app.app).orElseThrow();
            Service primary = app.service(app.app + "-primary").orElseThrow();
            return new Snapshot(app.route(), app.record().orElseThrow(), canary.taskDefinition(),
                    canary.desiredCount(), primary.taskDefinition(), primary.desiredCount());
        }
    }
}
