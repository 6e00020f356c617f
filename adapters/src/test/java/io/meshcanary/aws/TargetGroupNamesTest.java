package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetGroupNamesTest {

    @Test
    void primaryGroupIsNamedAfterTheCanarysWithinTheProvidersLimit() {
        assertThat(TargetGroupNames.primary("orders", 32)).isEqualTo("orders-primary");
        assertThat(TargetGroupNames.primary("orders-eu-west-1-production-blue", 32))
                .isEqualTo("orders-eu-west-1-product-primary").hasSize(32);
    }

    @Test
    void baselineGroupIsNamedAfterTheCanarysAsThePrimarysIs() {
        assertThat(TargetGroupNames.baseline("orders", 32)).isEqualTo("orders-baseline");
        assertThat(TargetGroupNames.baseline("orders-eu-west-1-production-blue", 32))
                .isEqualTo("orders-eu-west-1-produc-baseline").hasSize(32);
        assertThat(TargetGroupNames.baseline("orders-eu-west-1-canary-blue", 32))
                .isEqualTo("orders-eu-west-1-canary-baseline");
    }

    @Test
    void cutNeverLeavesADoubleHyphen() {
        assertThat(TargetGroupNames.primary("orders-eu-west-1-canary-blue", 32))
                .isEqualTo("orders-eu-west-1-canary-primary");
    }
}
