package io.meshcanary.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlarmEvaluationTest {

    @Test
    void alarmInAlarmFailsAndTheOthersPassInTheSpecsOrder() {
        assertThat(AlarmEvaluation.evaluate(List.of("orders-5xx", "orders-latency", "orders-cpu"),
                Set.of("orders-latency"))).containsExactly(
                        CheckResult.pass("orders-5xx", "alarm is not in ALARM"),
                        CheckResult.fail("orders-latency", "alarm is in ALARM"),
                        CheckResult.pass("orders-cpu", "alarm is not in ALARM"));
    }

    @Test
    void alarmsInAlarmThatTheSpecDoesNotListAreNotChecks() {
        assertThat(AlarmEvaluation.evaluate(List.of("orders-5xx"), Set.of("payments-5xx")))
                .containsExactly(CheckResult.pass("orders-5xx", "alarm is not in ALARM"));
    }

    @Test
    void noAlarmsGiveNoResults() {
        assertThat(AlarmEvaluation.evaluate(List.of(), Set.of("orders-5xx"))).isEmpty();
    }
}
