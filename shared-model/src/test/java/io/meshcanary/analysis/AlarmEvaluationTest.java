package io.meshcanary.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmEvaluationTest {

    @Test
    void alarmInAlarmFailsAndTheOthersPassInTheSpecsOrder() {
        assertThat(AlarmEvaluation.evaluate(List.of("orders-5xx", "orders-latency", "orders-cpu"),
                Map.of("orders-5xx", AlarmState.OK, "orders-latency", AlarmState.ALARM,
                        "orders-cpu", AlarmState.OK))).containsExactly(
                        CheckResult.pass("orders-5xx", "alarm is OK"),
                        CheckResult.fail("orders-latency", "alarm is in ALARM"),
                        CheckResult.pass("orders-cpu", "alarm is OK"));
    }

    @Test
    void alarmWithoutEnoughDataOrWithoutAnAlarmIsInconclusiveNeverAPass() {
        assertThat(AlarmEvaluation.evaluate(List.of("orders-5xx", "orders-5xxx"),
                Map.of("orders-5xx", AlarmState.INSUFFICIENT_DATA))).containsExactly(
                        CheckResult.inconclusive("orders-5xx", "alarm has insufficient data"),
                        CheckResult.inconclusive("orders-5xxx", AlarmEvaluation.MISSING));
    }

    @Test
    void alarmsInAlarmThatTheSpecDoesNotListAreNotChecks() {
        assertThat(AlarmEvaluation.evaluate(List.of("orders-5xx"),
                Map.of("orders-5xx", AlarmState.OK, "payments-5xx", AlarmState.ALARM)))
                .containsExactly(CheckResult.pass("orders-5xx", "alarm is OK"));
    }

    @Test
    void noAlarmsGiveNoResults() {
        assertThat(AlarmEvaluation.evaluate(List.of(), Map.of("orders-5xx", AlarmState.ALARM))).isEmpty();
    }
}
