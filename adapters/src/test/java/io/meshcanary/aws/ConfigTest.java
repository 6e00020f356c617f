package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static final String MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:meshcanary-canary";

    @Test
    void readsEveryVariableTemplateYamlSets() {
        Config config = Config.from(Map.of("AWS_REGION", "eu-west-1", "SPEC_PARAMETER_PREFIX", "/meshcanary",
                "ROLLOUT_TABLE", "rollouts", "STATE_MACHINE_ARN", MACHINE, "EVENT_BUS_NAME", "meshcanary-rollouts"));

        assertThat(config).isEqualTo(new Config("eu-west-1", "/meshcanary", "rollouts", MACHINE,
                "meshcanary-rollouts"));
    }

    @Test
    void missingVariableFailsFastNamingIt() {
        assertThatThrownBy(() -> Config.from(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SPEC_PARAMETER_PREFIX");
    }

    @Test
    void missingEventBusFailsFastNamingIt() {
        assertThatThrownBy(() -> Config.from(Map.of("AWS_REGION", "eu-west-1", "SPEC_PARAMETER_PREFIX", "/meshcanary",
                "ROLLOUT_TABLE", "rollouts", "STATE_MACHINE_ARN", MACHINE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EVENT_BUS_NAME");
    }

    @Test
    void blankVariableCountsAsMissing() {
        assertThatThrownBy(() -> Config.from(Map.of("AWS_REGION", " ", "SPEC_PARAMETER_PREFIX", "/meshcanary",
                "ROLLOUT_TABLE", "rollouts", "STATE_MACHINE_ARN", MACHINE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS_REGION");
    }
}
