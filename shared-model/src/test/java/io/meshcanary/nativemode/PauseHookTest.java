package io.meshcanary.nativemode;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.SampleFiles;
import org.junit.jupiter.api.Test;

class PauseHookTest {

    private static final String NATIVE_EXAMPLE = "examples/orders-native.canary.json";

    @Test
    void aGatedSpecWaitsItsIntervalItsGateAndTheAnswer() {
        // 60 s interval + 3600 s gate + 300 s for the workflow to answer
        assertThat(PauseHook.of(CanarySpec.parse(SampleFiles.read(NATIVE_EXAMPLE))).timeoutMinutes()).isEqualTo(66);
    }

    @Test
    void anUngatedSpecWaitsItsIntervalAndTheAnswer() {
        CanarySpec spec = CanarySpec.parse(SampleFiles.edited(NATIVE_EXAMPLE, root -> {
            root.remove("gates");
            root.put("intervalSeconds", 90);
        }));

        assertThat(PauseHook.of(spec).timeoutMinutes()).isEqualTo(7);
    }

    @Test
    void theLongestWaitsASpecAllowsStayWithinEcsFourteenDays() {
        CanarySpec spec = CanarySpec.parse(SampleFiles.edited(NATIVE_EXAMPLE, root -> {
            root.put("intervalSeconds", 86_400);
            root.withObjectProperty("timeouts").put("gateSeconds", 604_800);
        }));

        assertThat(PauseHook.of(spec).timeoutMinutes()).isEqualTo(11_525).isLessThanOrEqualTo(20_160);
    }
}
