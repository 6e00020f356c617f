package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.it.CanaryWorkflow.Outcome;
import io.meshcanary.local.demo.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The alarm fast path end to end: an alarm state change on the bus reaches the real alarm guard through the
 * template's rule, while the real workflow waits out a long interval. The emulator never evaluates alarms, and moto
 * sends no event for SetAlarmState, so the test sets the alarm's state and puts CloudWatch's event itself, built from
 * the sample in events/.
 */
class AlarmGuardEmulatorTest {

    /** Long enough that anything the fast path does visibly lands before the workflow's next step. */
    private static final int INTERVAL_SECONDS = 20;
    private static final int SLOW_POLL_SECONDS = 10;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Router.class)
    void alarmRevertsTrafficBeforeTheNextStepAndTheWorkflowFinishesTheRollback(Router router) {
        CanaryApp app = new CanaryApp(router);
        String v1 = app.bootstrap(app.spec().put("intervalSeconds", INTERVAL_SECONDS));
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitStep(v2, 1);
        Instant atTen = Instant.now();
        assertThat(app.canaryWeight()).isEqualTo(10);

        app.shop.fireAlarm(SampleEvents.repositoryRoot().resolve("events"), "5xx above threshold");
        JsonNode aborted = app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2)
                && record.path("phase").asText().equals("ABORTED"), "ABORTED");

        assertThat(Duration.between(atTen, Instant.now())).as("well before the interval ends")
                .isLessThan(Duration.ofSeconds(INTERVAL_SECONDS / 2));
        assertThat(app.canaryWeight()).as("the route at 100% primary").isZero();
        assertThat(aborted.path("step").asInt()).as("the workflow has not moved on").isEqualTo(1);
        assertThat(aborted.path("weights").path("canary").asInt()).isZero();
        assertThat(aborted.path("reason").asText()).startsWith("alarm " + app.alarm + " is in ALARM");

        Bus.put(SampleEvents.alarmEvent(app.alarm, "ALARM"));
        Eventually.until(() -> handled(app.alarm), lines -> lines.size() == 2,
                "the guard to handle the duplicate alarm event");
        assertThat(handled(app.alarm)).extracting(line -> line.path("action").asText())
                .containsExactly("ABORTED", "ALREADY_ABORTED");
        assertThat(app.record().orElseThrow()).as("the duplicate changed nothing").isEqualTo(aborted);

        JsonNode rollout = app.awaitRollout(v2, "FAILED");
        assertThat(rollout.path("reason").asText()).contains(app.alarm);
        assertThat(app.canaryWeight()).isZero();
        assertThat(app.service(app.app).orElseThrow().desiredCount()).as("the workflow scaled the canary in")
                .isZero();
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
        Outcome execution = CanaryWorkflow.awaitOutcome(rollout.path("execution").asText());
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("RolledBack");
    }

    @Test
    void alarmDuringPromotionPutsThePrimaryBackOnItsOldRevisionInTheAlarmsOwnInvocation() {
        // Behind an ALB the primary's new task serves only once its target's health checks pass, seconds after it
        // starts (the simulator's HEALTHY_AFTER), so the promotion's first capacity check finds it not ready; a task
        // that serves as soon as it runs (App Mesh's, registered on its RUNNING event) could be ready at that first
        // check, and the promotion over before the alarm (seen so, ten tests at a time).
        CanaryApp app = new CanaryApp(Router.ALB);
        ObjectNode spec = app.spec();
        spec.putObject("steps").putArray("weights").add(50);
        String v1 = app.bootstrap(spec);
        // A slow poll of the primary's capacity then keeps the promotion under way long enough to be seen.
        spec.withObjectProperty("timeouts").put("capacityPollSeconds", SLOW_POLL_SECONDS);
        app.onboard(spec);
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2)
                && record.path("phase").asText().equals("PROMOTING"), "PROMOTING");

        app.shop.fireAlarm(SampleEvents.repositoryRoot().resolve("events"), "5xx above threshold");
        app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2)
                && record.path("phase").asText().equals("ABORTED"), "ABORTED");

        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition())
                .as("the guard redeployed the old revision before it wrote ABORTED").isEqualTo(v1);
        assertThat(app.canaryWeight()).isZero();
        JsonNode rollout = app.awaitRollout(v2, "FAILED");
        assertThat(rollout.path("history")).extracting(entry -> entry.path("phase").asText())
                .doesNotContain("SUCCEEDED");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
        assertThat(app.canaryWeight()).isZero();
    }

    @Test
    void alarmOfNoRolloutLeavesARunningRolloutUntouched() {
        CanaryApp app = new CanaryApp();
        app.bootstrap(app.spec().put("intervalSeconds", INTERVAL_SECONDS));
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        JsonNode atTen = app.awaitStep(v2, 1);

        // The rule lets no OK transition through, even for the rollout's own alarm.
        Bus.put(SampleEvents.alarmEvent(app.alarm, "OK"));
        String stranger = "payments-5xx-" + app.id;
        Bus.put(SampleEvents.alarmEvent(stranger, "ALARM"));
        List<JsonNode> handled = Eventually.until(() -> handled(stranger), lines -> !lines.isEmpty(),
                "the guard to handle the alarm of no rollout");

        assertThat(handled).singleElement().satisfies(line -> assertThat(line.path("action").asText())
                .isEqualTo("IGNORED_NO_ROLLOUT"));
        assertThat(handled(app.alarm)).as("the OK transition never reached the guard").isEmpty();
        assertThat(app.canaryWeight()).isEqualTo(10);
        assertThat(app.record().orElseThrow()).isEqualTo(atTen);
    }

    private static List<JsonNode> handled(String alarm) {
        return FunctionLog.lines(line -> line.path("message").asText().equals("alarm handled")
                && line.path("alarm").asText().equals(alarm));
    }
}
