package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The analysis reads every kind of alarm the spec names, and only an alarm in OK passes. No alarm event is put on the
 * bus here, so the fast path stays out of it: what these rollouts do is the analysis's own verdict.
 */
class AlarmAnalysisEmulatorTest {

    @Test
    void compositeAlarmAlreadyInAlarmFailsTheAnalysis() {
        CanaryApp app = new CanaryApp();
        String composite = "orders-health-" + app.id;
        AWS.cloudWatch.putCompositeAlarm(request -> request.alarmName(composite)
                .alarmRule("ALARM(\"%s\")".formatted(app.alarm)));
        ObjectNode spec = app.spec().put("intervalSeconds", 2);
        ((ObjectNode) spec.path("analysis")).putArray("alarms").add(composite);
        String v1 = app.bootstrap(spec);
        app.reportErrorRate(0.2);
        AWS.cloudWatch.setAlarmState(request -> request.alarmName(composite).stateValue(StateValue.ALARM)
                .stateReason("orders-5xx is in ALARM"));
        String v2 = app.registerRevision("orders:2");

        app.deploy(v2);

        JsonNode rollout = app.awaitRollout(v2, "FAILED");
        assertThat(rollout.path("reason").asText()).contains("failed (" + composite + ")");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
        assertThat(app.canaryWeight()).isZero();
    }

    @Test
    void alarmWithInsufficientDataIsInconclusiveNeverAPass() {
        CanaryApp app = new CanaryApp();
        String v1 = app.bootstrap(app.spec().put("intervalSeconds", 2));
        app.reportErrorRate(0.2);
        AWS.cloudWatch.setAlarmState(request -> request.alarmName(app.alarm)
                .stateValue(StateValue.INSUFFICIENT_DATA).stateReason("no datapoints"));
        String v2 = app.registerRevision("orders:2");

        app.deploy(v2);

        JsonNode rollout = app.awaitRollout(v2, "FAILED");
        assertThat(rollout.path("reason").asText()).contains("inconclusive (" + app.alarm + ")");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
    }
}
