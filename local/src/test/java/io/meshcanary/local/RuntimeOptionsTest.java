package io.meshcanary.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeOptionsTest {
    @TempDir
    Path dir;

    @Test
    void flagParametersOverrideThePropertiesFileAndTheRestIsTheCommand() throws IOException {
        Path properties = Files.writeString(dir.resolve("runtime.properties"), "MeshName=local-mesh\nClusterName=a\n");

        RuntimeOptions options = RuntimeOptions.parse("--template", "t.yaml", "--moto-python", "py",
                "--state-dir", "state", "--properties", properties.toString(), "--param", "ClusterName=b=c",
                "--", "mvn", "--quiet", "verify");

        assertThat(options.parameters()).isEqualTo(Map.of("MeshName", "local-mesh", "ClusterName", "b=c"));
        assertThat(options.command()).containsExactly("mvn", "--quiet", "verify");
        assertThat(options.keepState()).isFalse();
    }

    @Test
    void commandMayFollowTheOptionsWithoutSeparator() {
        RuntimeOptions options = RuntimeOptions.parse("--template", "t.yaml", "--moto-python", "py",
                "--state-dir", "state", "--keep-state", "env");

        assertThat(options.command()).isEqualTo(List.of("env"));
        assertThat(options.keepState()).isTrue();
    }

    @Test
    void missingOptionIsNamed() {
        assertThatThrownBy(() -> RuntimeOptions.parse("--template", "t.yaml", "--state-dir", "s"))
                .hasMessage("--moto-python is required");
    }

    @Test
    void parameterWithoutValueIsRejected() {
        assertThatThrownBy(() -> RuntimeOptions.parse("--param", "MeshName"))
                .hasMessage("--param needs Name=Value, not MeshName");
    }

    @Test
    void iamIsEnforcedUnlessTheSwitchSaysOff() {
        assertThat(RuntimeOptions.enforceIam(null)).isTrue();
        assertThat(RuntimeOptions.enforceIam("on")).isTrue();
        assertThat(RuntimeOptions.enforceIam("off")).isFalse();
        assertThatThrownBy(() -> RuntimeOptions.enforceIam("no"))
                .hasMessage("MESHCANARY_IAM must be on or off, not 'no'");
    }
}
