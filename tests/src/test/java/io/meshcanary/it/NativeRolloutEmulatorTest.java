package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.cli.Run;
import io.meshcanary.local.bus.BusEntries;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.AlbTraffic;
import io.meshcanary.local.demo.Router;
import io.meshcanary.rollout.DeploymentTrigger;
import io.meshcanary.rollout.NativeTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The native engine end to end on the local runtime: a team's service behind its ALB rule, deployed by ECS LINEAR in
 * steps of 10% with meshcanary's pause hook, onboarded with the native example (holds at 10, 30 and 100, a manual
 * gate before promotion). The execution starts at ECS's first pause, answers each pause, and ECS moves the traffic:
 * meshcanary creates no twin and writes no listener rule.
 */
@Order(4) // among the longest classes: started early (junit-platform.properties)
class NativeRolloutEmulatorTest {

    @TempDir
    Path folder;

    @Test
    void aPassingRolloutContinuesEveryPauseHoldsAtTheGateUntilApprovedAndEcsFinishesOnTheNewRevision()
            throws Exception {
        Native app = new Native(NativeOnboardingEmulatorTest.nativeSpec(app()));
        String v2 = app.app.registerRevision("orders:2");

        app.app.deploy(v2);

        JsonNode gated = app.app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2)
                && record.hasNonNull("approvalToken"), "the pre-promotion gate");
        assertThat(gated.path("step").asInt()).isEqualTo(3);
        assertThat(app.greenWeight()).as("ECS holds at its last pause while the gate waits").isEqualTo(100);
        ServiceDeployment held = app.deployment();
        assertThat(held.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
        assertThat(held.lifecycleHookDetails()).singleElement()
                .satisfies(hook -> assertThat(hook.statusAsString()).isEqualTo("AWAITING_ACTION"));

        Run approve = Run.cli("approve", app.app.app);

        assertThat(approve.exitCode()).as(approve.err()).isZero();
        JsonNode promoted = app.app.awaitRollout(v2, "SUCCEEDED");
        assertThat(promoted.path("deploymentId").asText()).isEqualTo(held.serviceDeploymentArn());
        assertThat(promoted.at("/weights/canary").asInt()).as("ECS's weights").isEqualTo(100);
        assertThat(notes(promoted)).contains("ECS's pause at 0% answered CONTINUE (on to 10%)",
                "ECS's pause at 10% answered CONTINUE (on to 30%)", "ECS's pause at 20% answered CONTINUE (on to 30%)",
                "ECS's pause at 30% answered CONTINUE (on to 100%)",
                "ECS's pause at 90% answered CONTINUE (on to 100%)",
                "ECS's pause at 100% answered CONTINUE (promoting)");
        assertThat(weights(promoted)).as("the weights of the record's steps, as ECS reported them")
                .containsSubsequence(10, 30, 100);
        assertThat(app.awaitStatus(ServiceDeploymentStatus.SUCCESSFUL).statusReason()).isNull();
        assertThat(app.greenWeight()).isEqualTo(100);
        assertThat(app.app.service(app.app.app).orElseThrow().taskDefinition()).isEqualTo(v2);
        app.assertNoTwinAndNoRuleWrite(promoted);
        Run status = Run.cli("status", app.app.app, "--output", "json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        JsonNode line = SampleEvents.JSON.readTree(status.out()).get(0);
        assertThat(line.path("phase").asText()).isEqualTo("SUCCEEDED");
        assertThat(line.path("routed").path("canary").asInt()).as("ECS's weights read back").isEqualTo(100);
        Run history = Run.cli("history", app.app.app);
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("ECS's pause at 20% answered CONTINUE (on to 30%)");
    }

    @Test
    void aFailedCheckAnswersEcsRollbackAndEcsPutsTheTrafficAndTheServiceBack() throws Exception {
        CanaryApp shop = app();
        ObjectNode spec = NativeOnboardingEmulatorTest.nativeSpec(shop);
        spec.withObjectProperty("analysis").put("threshold", 1).putArray("metrics")
                .add(NativeDeploymentReads.errorRateCheck(shop));
        Native app = new Native(shop, spec);
        String v2 = shop.registerRevision("orders:2");
        shop.reportErrorRate(5.0);

        shop.deploy(v2);

        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(failed.path("reason").asText()).contains("error-rate");
        assertThat(notes(failed)).contains("ECS's pause at 10% answered ROLLBACK");
        ServiceDeployment rolledBack = app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains("rolled back at lifecycle hook");
        assertThat(rolledBack.targetServiceRevision().requestedProductionTrafficWeight()).isZero();
        app.assertBackOnTheOldRevision();
        app.assertNoTwinAndNoRuleWrite(failed);
    }

    @Test
    void aLostFirstPauseEventIsHealedByTheResyncAndTheRolloutGoesOn() throws Exception {
        CanaryApp shop = app();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop));
        JsonNode spec = SampleEvents.JSON.readTree(shop.storedSpec());
        String v2 = shop.registerRevision("orders:2");
        // The spec away while ECS's first pause is announced: its event reaches the trigger and starts nothing.
        shop.deleteSpec();
        shop.deploy(v2);
        Eventually.until(() -> FunctionLog.lines(line -> "deployment handled".equals(line.path("message").asText())
                        && !line.path("hook").asText().isEmpty() && line.path("ecsService").asText()
                        .endsWith("/" + shop.app)), lines -> !lines.isEmpty(), "the first pause's event");
        shop.onboard(spec);
        assertThat(shop.record()).as("no rollout").isEmpty();

        JsonNode outcome = Functions.invoke("ResyncFunction", "{\"dryRun\": false, \"services\": [\"%s\"]}"
                .formatted(shop.service())).result();

        assertThat(outcome.path("drifts")).singleElement().satisfies(drift -> {
            assertThat(drift.path("kind").asText()).isEqualTo("UNANSWERED_PAUSE");
            assertThat(drift.path("repaired").asBoolean()).isTrue();
        });
        shop.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2) && record.hasNonNull("approvalToken"),
                "the pre-promotion gate");
        assertThat(Run.cli("approve", shop.app).exitCode()).isZero();
        JsonNode promoted = shop.awaitRollout(v2, "SUCCEEDED");
        assertThat(app.awaitStatus(ServiceDeploymentStatus.SUCCESSFUL).serviceDeploymentArn())
                .isEqualTo(promoted.path("deploymentId").asText());
        app.assertNoTwinAndNoRuleWrite(promoted);
    }

    @Test
    void anOperatorsAbortAnswersTheWaitingPauseRollback() throws Exception {
        CanaryApp shop = app();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop), 20,
                NativeOnboardingEmulatorTest.LINEAR_10);
        String v2 = app.deployV2HeldAtTheFirstStep();

        Run abort = Run.cli("abort", shop.app, "--reason", "bad smell");

        assertThat(abort.exitCode()).as(abort.err()).isZero();
        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(failed.path("reason").asText()).contains("bad smell");
        assertThat(notes(failed)).contains("ECS's pause at 10% answered ROLLBACK");
        assertThat(app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL).statusReason())
                .contains("rolled back at lifecycle hook");
        app.assertBackOnTheOldRevision();
        app.assertNoTwinAndNoRuleWrite(failed);
    }

    @Test
    void anOperatorsPromoteContinuesEveryRemainingPauseAfterAPassingAnalysis() throws Exception {
        CanaryApp shop = app();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop), 10,
                NativeOnboardingEmulatorTest.LINEAR_10);
        String v2 = app.deployV2HeldAtTheFirstStep();

        Run promote = Run.cli("promote", shop.app);

        assertThat(promote.exitCode()).as(promote.err()).isZero();
        JsonNode gated = shop.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2)
                && record.hasNonNull("approvalToken"), "the pre-promotion gate");
        assertThat(gated.path("step").asInt()).as("no step after the promote").isEqualTo(1);
        assertThat(Run.cli("approve", shop.app).exitCode()).isZero();
        JsonNode promoted = shop.awaitRollout(v2, "SUCCEEDED");
        assertThat(notes(promoted)).contains("ECS's pause at 10% answered CONTINUE (promoting)",
                "ECS's pause at 50% answered CONTINUE (promoting)",
                "ECS's pause at 100% answered CONTINUE (promoting)");
        assertThat(app.awaitStatus(ServiceDeploymentStatus.SUCCESSFUL)).isNotNull();
        assertThat(app.greenWeight()).isEqualTo(100);
        app.assertNoTwinAndNoRuleWrite(promoted);
    }

    @Test
    void aPauseNobodyAnswersInTimeIsRolledBackByEcsAndTheRecordSaysSo() throws Exception {
        CanaryApp shop = app();
        ObjectNode spec = NativeOnboardingEmulatorTest.nativeSpec(shop);
        // The hook waits 6 of ECS's minutes (a second each locally): far less than the gate's 30 seconds.
        spec.withObjectProperty("timeouts").put("gateSeconds", 30);
        Native app = new Native(shop, spec);
        String v2 = shop.registerRevision("orders:2");
        shop.deploy(v2);

        ServiceDeployment timedOut = app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);

        assertThat(timedOut.statusReason()).contains("timed out");
        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(notes(failed)).anyMatch(note -> note.contains("ROLLBACK_SUCCESSFUL") && note.contains("timed out"));
        app.assertBackOnTheOldRevision();
    }

    @Test
    void aNewerDeploymentSupersedesTheRolloutOfTheOneEcsStopped() throws Exception {
        CanaryApp shop = app();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop), 8,
                NativeOnboardingEmulatorTest.LINEAR_10);
        String v2 = shop.registerRevision("orders:2");
        shop.deploy(v2);
        String older = shop.awaitStep(v2, 1).path("execution").asText();
        String v3 = shop.registerRevision("orders:3");

        shop.deploy(v3);

        shop.awaitRecord(record -> CanaryApp.isRolloutOf(record, v3) && record.hasNonNull("approvalToken"),
                "the newer rollout's pre-promotion gate");
        assertThat(CanaryWorkflow.awaitOutcome(older).status()).as("the older execution")
                .isEqualTo(ExecutionStatus.ABORTED);
        assertThat(Run.cli("approve", shop.app).exitCode()).isZero();
        JsonNode promoted = shop.awaitRollout(v3, "SUCCEEDED");
        assertThat(promoted.path("execution").asText()).isNotEqualTo(older);
        assertThat(shop.service(shop.app).orElseThrow().taskDefinition()).isEqualTo(v3);
        assertThat(app.greenWeight()).isEqualTo(100);
        app.assertNoTwinAndNoRuleWrite(promoted);
    }

    @Test
    void theErrorRateOfGreensOwnTargetGroupFailsTheReleaseWhileBluesIsLow() throws Exception {
        CanaryApp shop = app();
        ObjectNode spec = NativeOnboardingEmulatorTest.nativeSpec(shop);
        spec.withObjectProperty("analysis").put("threshold", 1).putArray("metrics").add(exampleErrorRate());
        Native app = new Native(shop, spec);
        String green = shop.service(shop.app).orElseThrow().loadBalancers().getFirst().advancedConfiguration()
                .alternateTargetGroupArn();
        AlbTraffic traffic = new AlbTraffic(shop.shop, app.rule);
        Instant thisMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int minutesAgo = 1; minutesAgo <= 4; minutesAgo++) {
            Instant minute = thisMinute.minus(minutesAgo, ChronoUnit.MINUTES);
            traffic.served(app.rule.targetGroup, minute, 100, 0, 0.05);
            traffic.served(green, minute, 100, 20, 0.05);
        }
        String v2 = shop.registerRevision("orders:2");

        shop.deploy(v2);

        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(failed.path("reason").asText()).contains("failed (error-rate)");
        assertThat(failed.path("history").toString()).as("green's 20%, read from its own group")
                .contains("mean 20 of", "is above max 1");
        assertThat(notes(failed)).contains("ECS's pause at 10% answered ROLLBACK");
        assertThat(app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL).statusReason())
                .contains("rolled back at lifecycle hook");
        app.assertBackOnTheOldRevision();
    }

    /** The ALB example's error rate, over {@code {{loadBalancer}}} and {@code {{targetGroup}}}. */
    private static JsonNode exampleErrorRate() throws Exception {
        JsonNode example = SampleEvents.JSON.readTree(SampleEvents.repositoryRoot()
                .resolve("examples/orders-alb.canary.json").toFile());
        return StreamSupport.stream(example.at("/analysis/metrics").spliterator(), false)
                .filter(check -> check.path("name").asText().equals("error-rate")).findFirst().orElseThrow();
    }

    @Test
    void aLatePauseEventOfADeploymentEcsStoppedEndsItsExecutionNamingTheCurrentOneAndTouchesNothing()
            throws Exception {
        CanaryApp shop = app();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop));
        String v2 = shop.registerRevision("orders:2");
        String v3 = shop.registerRevision("orders:3");
        shop.deploy(v2);
        ServiceDeployment older = app.deployment();
        // ECS stops v2's deployment for v3's before v2's green is up: it never paused, so no execution answers it.
        shop.deploy(v3);
        JsonNode current = shop.awaitStep(v3, 1);

        BusEntries.put(AWS.events, latePause(older));

        String late = DeploymentTrigger.nativeExecutionName(shop.cluster, shop.app, older.serviceDeploymentArn());
        Eventually.until(() -> CanaryWorkflow.executionsNamed(late), found -> !found.isEmpty(),
                "the late pause's execution");
        assertThat(CanaryWorkflow.awaitEnd(late).output()).contains(NativeTraffic.NOT_CURRENT_DEPLOYMENT,
                older.serviceDeploymentArn() + " is STOPPED", "current deployment is "
                        + current.path("deploymentId").asText());
        assertThat(shop.record().orElseThrow().path("execution").asText()).as("v3's rollout goes on")
                .isEqualTo(current.path("execution").asText());
        assertThat(callsOf(line -> late.equals(line.path("execution").asText())))
                .as("the late execution's AWS calls").noneMatch(call -> call.endsWith("ServiceDeployment"));
    }

    /** ECS's HOOK_AWAITING_ACTION for a pause of {@code deployment}, as the stand-in puts it on the bus. */
    private static ObjectNode latePause(ServiceDeployment deployment) {
        ObjectNode event = SampleEvents.JSON.createObjectNode().put("version", "0").put("detail-type",
                "ECS Hook State Change").put("source", "aws.ecs").put("account", "123456789012")
                .put("time", Instant.now().toString()).put("region", "us-east-1");
        event.putArray("resources").add(deployment.serviceArn());
        event.putObject("detail").put("eventType", "INFO").put("eventName", "HOOK_AWAITING_ACTION")
                .put("clusterArn", deployment.clusterArn()).put("serviceArn", deployment.serviceArn())
                .put("serviceDeploymentArn", deployment.serviceDeploymentArn()).put("hookId", "ecs-pause-late")
                .put("targetType", "PAUSE").put("lifecycleStage", "PRE_PRODUCTION_TRAFFIC_SHIFT")
                .put("status", "AWAITING_ACTION").put("timeoutAction", "ROLLBACK");
        return event;
    }

    /**
     * The AWS calls of the invocations that logged a line {@code logged} matches: the function log ties each call to
     * its invocation's thread.
     */
    private static List<String> callsOf(Predicate<JsonNode> logged) {
        Set<String> threads = FunctionLog.lines(logged).stream()
                .map(line -> "invocation-" + line.path("function_request_id").asText()).collect(Collectors.toSet());
        return FunctionLog.lines(line -> "local.awsCall".equals(line.path("type").asText())
                        && threads.contains(line.path("thread").asText())).stream()
                .map(line -> line.path("service").asText() + " " + line.path("operation").asText()).toList();
    }

    @Test
    void aTeamsOwnPauseIsLeftWaitingForItsOwnerAndMeshcanarysPausesAreAnsweredAfterIt() throws Exception {
        DeploymentLifecycleHook teamPause = DeploymentLifecycleHook.builder()
                .targetType(DeploymentLifecycleHookTargetType.PAUSE).lifecycleStagesWithStrings("POST_SCALE_UP")
                .hookDetails(Document.mapBuilder().putString("owner", "release-team").build())
                .timeoutConfiguration(timeout -> timeout.timeoutInMinutes(600).action("ROLLBACK")).build();
        DeploymentConfiguration deployments = NativeOnboardingEmulatorTest.LINEAR_10.toBuilder().lifecycleHooks(
                Stream.concat(NativeOnboardingEmulatorTest.LINEAR_10.lifecycleHooks().stream(), Stream.of(teamPause))
                        .toList()).build();
        Native app = new Native(app(), NativeOnboardingEmulatorTest.nativeSpec(app()), 1, deployments);
        String v2 = app.app.registerRevision("orders:2");

        app.app.deploy(v2);

        List<JsonNode> left = Eventually.until(() -> FunctionLog.lines(line -> "IGNORED_NOT_MESHCANARYS_HOOK".equals(
                line.path("action").asText()) && line.path("ecsService").asText().endsWith("/" + app.app.app)),
                found -> !found.isEmpty(), "the trigger leaving the team's pause");
        assertThat(left.getFirst().path("reason").asText()).contains("POST_SCALE_UP");
        ServiceDeployment waiting = app.deployment();
        assertThat(waiting.lifecycleHookDetails()).singleElement().satisfies(hook -> assertThat(
                hook.statusAsString()).as("the team's pause still waits").isEqualTo("AWAITING_ACTION"));
        assertThat(app.app.record()).as("no rollout started at the team's pause").isEmpty();

        AWS.ecs.continueServiceDeployment(request -> request.serviceDeploymentArn(waiting.serviceDeploymentArn())
                .hookId(waiting.lifecycleHookDetails().getFirst().hookId()).action("CONTINUE"));

        JsonNode held = app.app.awaitStep(v2, 1);
        assertThat(held.path("deploymentId").asText()).isEqualTo(waiting.serviceDeploymentArn());
        assertThat(app.greenWeight()).as("meshcanary's pauses answered up to the first hold").isEqualTo(10);
    }

    @Test
    void aCrashLoopingGreenNeverReachesAPauseAndEcsCircuitBreakerPutsTheServiceBackWithNoRolloutStarted()
            throws Exception {
        CanaryApp shop = app();
        DeploymentConfiguration breaker = NativeOnboardingEmulatorTest.LINEAR_10.toBuilder()
                .deploymentCircuitBreaker(circuit -> circuit.enable(true).rollback(true)).build();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop), 1, breaker);
        String v2 = shop.shop.registerCrashingRevision("orders:2", 1);

        shop.deploy(v2);

        ServiceDeployment rolledBack = app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains("circuit breaker");
        assertThat(rolledBack.lifecycleHookDetails()).as("ECS never paused").isEmpty();
        app.assertBackOnTheOldRevision();
        assertThat(shop.record()).as("no rollout: its execution starts at ECS's first pause").isEmpty();
    }

    /**
     * Green crash-looping once it got healthy: replayed as ECS's STOPPED events of green's tasks (the simulator's crash
     * label makes a task exit before its first health check, so such a green never reaches a pause).
     */
    @Test
    void greenCrashingPastTheSpecsLimitWhileEcsWaitsIsAnsweredRollbackByTheCrashGuardItself() throws Exception {
        CanaryApp shop = app();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop), 20,
                NativeOnboardingEmulatorTest.LINEAR_10);
        String v2 = app.deployV2HeldAtTheFirstStep();
        String cluster = shop.service(shop.app).orElseThrow().clusterArn();

        for (int crash = 1; crash <= 3; crash++) {
            ObjectNode stopped = SampleEvents.load("task-stopped-failed.json");
            String task = cluster.replace(":cluster/", ":task/") + "/green" + crash + app.v1.hashCode();
            stopped.putArray("resources").add(task);
            ((ObjectNode) stopped.get("detail")).put("clusterArn", cluster).put("group", "service:" + shop.app)
                    .put("taskArn", task).put("taskDefinitionArn", v2);
            BusEntries.put(AWS.events, stopped);
        }

        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(failed.path("reason").asText()).contains("3 canary tasks crashed, more than the 2 the spec allows");
        assertThat(notes(failed)).contains("ECS's pause at 10% answered ROLLBACK");
        assertThat(app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL).statusReason())
                .contains("rolled back at lifecycle hook");
        assertThat(callsOf(line -> "ABORTED".equals(line.path("crash").asText())
                && line.path("taskArn").asText().startsWith(cluster.replace(":cluster/", ":task/") + "/green")))
                .as("the crash guard's calls").contains("Ecs ContinueServiceDeployment");
        app.assertBackOnTheOldRevision();
    }

    @Test
    void withoutTheCircuitBreakerEcsKeepsReplacingACrashLoopingGreenAndNeverPauses() throws Exception {
        CanaryApp shop = app();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop));
        String v2 = shop.shop.registerCrashingRevision("orders:2", 1);

        shop.deploy(v2);

        Eventually.until(() -> AWS.ecs.listTasks(request -> request.cluster(shop.cluster).family(shop.app)
                .desiredStatus(DesiredStatus.STOPPED)).taskArns(), stopped -> stopped.size() >= 3,
                "three crashes of the new revision");
        ServiceDeployment deploying = app.deployment();
        assertThat(deploying.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
        assertThat(deploying.lifecycleStageAsString()).isEqualTo("SCALE_UP");
        assertThat(deploying.lifecycleHookDetails()).as("ECS never paused").isEmpty();
        assertThat(deploying.targetServiceRevision().requestedProductionTrafficWeight()).isZero();
        assertThat(shop.record()).as("no rollout").isEmpty();
        AWS.ecs.stopServiceDeployment(request -> request.serviceDeploymentArn(deploying.serviceDeploymentArn())
                .stopType("ROLLBACK"));
        app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        app.assertBackOnTheOldRevision();
    }

    /** The alarm guard's AWS calls for the app's alarm. */
    private static List<String> alarmGuardCalls(CanaryApp app) {
        return callsOf(line -> app.alarm.equals(line.path("alarm").asText()));
    }

    @Test
    void anAlarmWhileEcsWaitsAtAHoldIsAnsweredRollbackByTheAlarmGuardItself() throws Exception {
        CanaryApp shop = app();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop), 20,
                NativeOnboardingEmulatorTest.LINEAR_10);
        String v2 = app.deployV2HeldAtTheFirstStep();

        shop.shop.fireAlarm(SampleEvents.repositoryRoot().resolve("events"), "5xx above threshold");

        ServiceDeployment rolledBack = app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains("rolled back at lifecycle hook");
        assertThat(Eventually.until(() -> alarmGuardCalls(shop), calls -> !calls.isEmpty(), "the alarm guard"))
                .as("the alarm guard's calls").contains("Ecs ContinueServiceDeployment")
                .doesNotContain("Ecs StopServiceDeployment");
        app.assertBackOnTheOldRevision();
        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(history(failed).map(entry -> entry.path("phase").asText())).contains("ABORTED");
        assertThat(notes(failed)).contains("ECS's pause at 10% answered ROLLBACK");
        app.assertNoTwinAndNoRuleWrite(failed);
    }

    @Test
    void anAlarmWhileEcsBakesBetweenPausesStopsTheDeploymentWithRollback() throws Exception {
        CanaryApp shop = app();
        DeploymentConfiguration slowSteps = NativeOnboardingEmulatorTest.LINEAR_10.toBuilder()
                .linearConfiguration(linear -> linear.stepPercent(10.0).stepBakeTimeInMinutes(30)).build();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop), 1, slowSteps);
        String v2 = shop.registerRevision("orders:2");
        shop.deploy(v2);
        shop.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2) && notes(record).stream()
                .anyMatch(note -> note.startsWith("ECS's pause at 0% answered CONTINUE")), "the first pause answered");
        Eventually.until(app::deployment, deployment -> deployment.lifecycleHookDetails().stream()
                .noneMatch(hook -> hook.statusAsString().equals("AWAITING_ACTION"))
                && deployment.targetServiceRevision().requestedProductionTrafficWeight() == 10, "ECS baking at 10%");

        shop.shop.fireAlarm(SampleEvents.repositoryRoot().resolve("events"), "5xx above threshold");

        ServiceDeployment rolledBack = app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains("StopServiceDeployment");
        assertThat(Eventually.until(() -> alarmGuardCalls(shop), calls -> !calls.isEmpty(), "the alarm guard"))
                .as("the alarm guard's calls").contains("Ecs StopServiceDeployment");
        app.assertBackOnTheOldRevision();
        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(notes(failed)).contains("ECS's deployment stopped with ROLLBACK at 10%");
        app.assertNoTwinAndNoRuleWrite(failed);
    }

    private static CanaryApp app() {
        return new CanaryApp(Router.ALB);
    }

    private static Stream<JsonNode> history(JsonNode record) {
        return StreamSupport.stream(record.path("history").spliterator(), false);
    }

    private static List<String> notes(JsonNode record) {
        return history(record).map(entry -> entry.path("note").asText()).toList();
    }

    private static List<Integer> weights(JsonNode record) {
        return history(record).filter(entry -> entry.path("note").asText().startsWith("weight "))
                .map(entry -> entry.path("canaryWeight").asInt()).toList();
    }

    /** The team's service on ECS's LINEAR 10% deployments, onboarded in the native mode with {@code spec}. */
    private final class Native {
        final CanaryApp app;
        final AlbRule rule;
        /** What the service runs before the deployment under test. */
        final String v1;

        Native(ObjectNode spec) throws Exception {
            this(app(), spec);
        }

        Native(CanaryApp app, ObjectNode spec) throws Exception {
            this(app, spec, 1, NativeOnboardingEmulatorTest.LINEAR_10);
        }

        /** With the spec's analysis {@code intervalSeconds} apart, and ECS deploying as {@code deployments} says. */
        Native(CanaryApp app, ObjectNode spec, int intervalSeconds, DeploymentConfiguration deployments)
                throws Exception {
            this.app = app;
            this.rule = (AlbRule) app.router;
            NativeOnboardingEmulatorTest.createNativeService(app, deployments);
            this.v1 = app.service(app.app).orElseThrow().taskDefinition();
            spec.put("intervalSeconds", intervalSeconds);
            Path file = Files.writeString(folder.resolve(app.app + ".canary.json"), spec.toString());
            Run onboard = Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec",
                    file.toString());
            assertThat(onboard.exitCode()).as(onboard.err()).isZero();
        }

        /** orders:2 deployed, and the rollout at its first step: ECS waits at 10% while the interval runs. */
        String deployV2HeldAtTheFirstStep() {
            String v2 = app.registerRevision("orders:2");
            app.deploy(v2);
            app.awaitStep(v2, 1);
            return v2;
        }

        /** ECS put all traffic back on blue and the service back on the revision it ran before the deployment. */
        void assertBackOnTheOldRevision() {
            assertThat(greenWeight()).as("the new revision's share").isZero();
            assertThat(app.service(app.app).orElseThrow().taskDefinition()).isEqualTo(v1);
        }

        ServiceDeployment deployment() {
            return NativeDeploymentReads.onlyDeployment(app);
        }

        ServiceDeployment awaitStatus(ServiceDeploymentStatus status) {
            return NativeDeploymentReads.awaitStatus(app, status);
        }

        /** The new revision's share of the production listener rule, which ECS moves to the alternate group. */
        int greenWeight() {
            List<TargetGroupTuple> targets = AWS.elb.describeRules(request -> request.ruleArns(rule.ruleArn)).rules()
                    .getFirst().actions().getFirst().forwardConfig().targetGroups();
            int total = targets.stream().mapToInt(TargetGroupTuple::weight).sum();
            int blue = targets.stream().filter(target -> target.targetGroupArn().equals(rule.targetGroup))
                    .mapToInt(TargetGroupTuple::weight).sum();
            return total == 0 ? 0 : Math.round(100f * (total - blue) / total);
        }

        /**
         * No {@code <app>-primary}, and among the AWS calls of the rollout's every workflow step (the function log
         * ties each call to its invocation) ECS was answered and no load balancer was written to.
         */
        void assertNoTwinAndNoRuleWrite(JsonNode record) {
            assertThat(app.service(app.app + "-primary")).as("a twin").isEmpty();
            String execution = record.path("execution").asText();
            List<String> calls = callsOf(line -> execution.equals(line.path("execution").asText()));
            assertThat(calls).as("the AWS calls of execution " + execution).contains("Ecs ContinueServiceDeployment")
                    .noneMatch(call -> call.toLowerCase(Locale.ROOT).startsWith("elasticloadbalancing")
                            && !call.contains(" Describe"));
        }
    }
}
