package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.cli.Run;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * The native engine end to end on the local runtime: a team's service behind its ALB rule, deployed by ECS LINEAR in
 * steps of 10% with meshcanary's pause hook, onboarded with the native example (holds at 10, 30 and 100, a manual
 * gate before promotion). The execution starts at ECS's first pause, answers each pause, and ECS moves the traffic:
 * meshcanary creates no twin and writes no listener rule.
 */
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
        // The app's own error rate, as it publishes it; 5% is over the check's 1% from the first analysis on.
        spec.withObjectProperty("analysis").put("threshold", 1).putArray("metrics").add(SampleEvents.JSON.readTree("""
                {"name": "error-rate",
                 "queries": [{"id": "rate", "metric": {"namespace": "Shop/Orders", "metricName": "ErrorRate",
                              "dimensions": {"VirtualNode": "%s-canary"}, "stat": "Average"}}],
                 "max": 1.0, "minSamples": 1, "periodSeconds": 60, "windowSeconds": 600}""".formatted(shop.app)));
        Native app = new Native(shop, spec);
        String v1 = shop.service(shop.app).orElseThrow().taskDefinition();
        String v2 = shop.registerRevision("orders:2");
        shop.reportErrorRate(5.0);

        shop.deploy(v2);

        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(failed.path("reason").asText()).contains("error-rate");
        assertThat(notes(failed)).contains("ECS's pause at 10% answered ROLLBACK");
        ServiceDeployment rolledBack = app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains("rolled back at lifecycle hook");
        assertThat(rolledBack.targetServiceRevision().requestedProductionTrafficWeight()).isZero();
        assertThat(app.greenWeight()).as("all traffic back on blue").isZero();
        assertThat(shop.service(shop.app).orElseThrow().taskDefinition()).isEqualTo(v1);
        app.assertNoTwinAndNoRuleWrite(failed);
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

    /** The alarm guard's AWS calls for the app's alarm. */
    private static List<String> alarmGuardCalls(CanaryApp app) {
        return callsOf(line -> app.alarm.equals(line.path("alarm").asText()));
    }

    @Test
    void anAlarmWhileEcsWaitsAtAHoldIsAnsweredRollbackByTheAlarmGuardItself() throws Exception {
        CanaryApp shop = app();
        Native app = new Native(shop, NativeOnboardingEmulatorTest.nativeSpec(shop), 20,
                NativeOnboardingEmulatorTest.LINEAR_10);
        String v1 = shop.service(shop.app).orElseThrow().taskDefinition();
        String v2 = shop.registerRevision("orders:2");
        shop.deploy(v2);
        shop.awaitStep(v2, 1);

        shop.shop.fireAlarm(SampleEvents.repositoryRoot().resolve("events"), "5xx above threshold");

        ServiceDeployment rolledBack = app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains("rolled back at lifecycle hook");
        assertThat(Eventually.until(() -> alarmGuardCalls(shop), calls -> !calls.isEmpty(), "the alarm guard"))
                .as("the alarm guard's calls").contains("Ecs ContinueServiceDeployment")
                .doesNotContain("Ecs StopServiceDeployment");
        assertThat(app.greenWeight()).isZero();
        assertThat(shop.service(shop.app).orElseThrow().taskDefinition()).isEqualTo(v1);
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
        String v1 = shop.service(shop.app).orElseThrow().taskDefinition();
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
        assertThat(app.greenWeight()).isZero();
        assertThat(shop.service(shop.app).orElseThrow().taskDefinition()).isEqualTo(v1);
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
            spec.put("intervalSeconds", intervalSeconds);
            Path file = Files.writeString(folder.resolve(app.app + ".canary.json"), spec.toString());
            Run onboard = Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec",
                    file.toString());
            assertThat(onboard.exitCode()).as(onboard.err()).isZero();
        }

        /** The service's one deployment since onboarding (its first, of orders:1, made no service deployment). */
        ServiceDeployment deployment() {
            List<ServiceDeploymentBrief> briefs = Eventually.until(() -> AWS.ecs.listServiceDeployments(request ->
                            request.cluster(app.cluster).service(app.app)).serviceDeployments(),
                    found -> !found.isEmpty(), "the service deployment of " + app.app);
            assertThat(briefs).hasSize(1);
            return AWS.ecs.describeServiceDeployments(request -> request.serviceDeploymentArns(
                    briefs.getFirst().serviceDeploymentArn())).serviceDeployments().getFirst();
        }

        ServiceDeployment awaitStatus(ServiceDeploymentStatus status) {
            return Eventually.until(this::deployment, found -> found.status() == status, "the deployment " + status);
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
