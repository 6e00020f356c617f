package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScalingAlarmCopiesTest {

    @Test
    void aCopyIsNamedAfterTheAlarm() {
        assertThat(ScalingAlarmCopies.copyName("orders-cpu-high")).isEqualTo("orders-cpu-high-primary");
    }

    @Test
    void aNameTooLongIsCutToCloudWatchsLimitAndLongNamesCutAlikeStayApart() {
        String first = "a".repeat(250) + "-high";
        String second = "a".repeat(250) + "-low";

        assertThat(ScalingAlarmCopies.copyName(first)).hasSize(ScalingAlarmCopies.MAX_NAME).endsWith("-primary")
                .isNotEqualTo(ScalingAlarmCopies.copyName(second));
        assertThat(ScalingAlarmCopies.copyName(second)).hasSize(ScalingAlarmCopies.MAX_NAME);
    }
}
