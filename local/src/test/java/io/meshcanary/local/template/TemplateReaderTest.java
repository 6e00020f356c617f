package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheProjectTemplate() {
        Template template = Templates.project();

        assertThat(template.parameters()).containsKeys("MeshName", "ClusterName", "CloudMapNamespaceId", "LogLevel");
        assertThat(template.parameters().get("LogLevel").defaultValue()).contains("INFO");
        assertThat(template.resourcesOfType(FunctionCatalog.TYPE)).extracting(TemplateResource::logicalId)
                .contains("NodeRegistryFunction");
        assertThat(template.functionGlobals().path("Environment").path("Variables").has("POWERTOOLS_SERVICE_NAME"))
                .isTrue();
    }

    @Test
    void shortFormIntrinsicIsRejectedWithItsLine() {
        String yaml = """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub "${AWS::StackName}-queue"
                """;

        assertThatThrownBy(() -> Templates.fromYaml(dir, yaml))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("line 5")
                .hasMessageContaining("!Sub")
                .hasMessageContaining("long form");
    }

    @Test
    void standardYamlTagsAreAccepted() {
        Template template = Templates.fromYaml(dir, """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      DelaySeconds: !!str 5
                """);

        assertThat(template.resources().get("Queue").properties().path("DelaySeconds").asText()).isEqualTo("5");
    }

    @Test
    void conditionalResourceIsRejected() {
        String yaml = """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Condition: IsProduction
                """;

        assertThatThrownBy(() -> Templates.fromYaml(dir, yaml))
                .hasMessageContaining("Resources.Queue.Condition");
    }

    @Test
    void resourceWithoutTypeIsRejected() {
        assertThatThrownBy(() -> Templates.fromYaml(dir, "Resources:\n  Queue:\n    Properties: {}\n"))
                .hasMessageContaining("Resources.Queue.Type: expected a string");
    }
}
