package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void readsRegionAndSpecPrefixFromTheEnvironmentTemplateYamlSets() {
        Config config = Config.from(Map.of("AWS_REGION", "eu-west-1", "SPEC_PARAMETER_PREFIX", "/meshcanary"));

        assertThat(config).isEqualTo(new Config("eu-west-1", "/meshcanary"));
    }

    @Test
    void missingVariableFailsFastNamingIt() {
        assertThatThrownBy(() -> Config.from(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SPEC_PARAMETER_PREFIX");
    }

    @Test
    void blankVariableCountsAsMissing() {
        assertThatThrownBy(() -> Config.from(Map.of("AWS_REGION", " ", "SPEC_PARAMETER_PREFIX", "/meshcanary")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS_REGION");
    }
}
