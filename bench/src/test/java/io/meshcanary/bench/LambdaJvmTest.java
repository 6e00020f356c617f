package io.meshcanary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaJvmTest {

    private static final String GLOBALS = """
            Globals:
              Function:
                Runtime: java21
                MemorySize: 2048
                Environment:
                  Variables:
                    ROLLOUT_TABLE: !Ref RolloutTable
                    JAVA_TOOL_OPTIONS: -XX:TieredStopAtLevel=1 -Xss512k
            """;

    @Test
    void aRunWithAnAotCacheStillHasTheTemplatesOptionsAndLambdasMemory() {
        LambdaJvm jvm = LambdaJvm.fromTemplate(GLOBALS);

        List<String> command = jvm.command(List.of("-XX:AOTCache=cache.aot", "-XX:AOTMode=on"),
                List.of(Path.of("a.jar"), Path.of("b.jar")), List.of("Main", "argument"));

        assertThat(jvm.environment()).containsEntry("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -Xss512k");
        assertThat(command.subList(1, command.size())).containsExactly("-XX:MaxRAM=2048m", "-XX:+UseSerialGC",
                "-XX:AOTCache=cache.aot", "-XX:AOTMode=on", "-cp", "a.jar:b.jar", "Main", "argument");
    }

    @Test
    void aTemplateWithoutJavaToolOptionsIsRefusedByName() {
        assertThatThrownBy(() -> LambdaJvm.fromTemplate("Globals:\n  Function:\n    MemorySize: 1024\n"))
                .hasMessage("template.yaml has no Globals JAVA_TOOL_OPTIONS");
    }
}
