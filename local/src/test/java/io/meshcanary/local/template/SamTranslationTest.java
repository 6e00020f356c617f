package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.local.TestRuntimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTranslationTest {
    /** A SAM template of one function, {@code Fn}; a test appends the function's further properties. */
    private static final String ONE_FUNCTION = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.B
                  Runtime: java21
                  CodeUri: .
            """;

    @Test
    void shortFormTagsAreReadAsSamReadsThem(@TempDir Path dir) throws IOException {
        SamTranslation sam = translated(dir, ONE_FUNCTION + """
                      Environment:
                        Variables:
                          GREETING: !Sub "${Greeting}, world"
                          QUEUE: !GetAtt Queue.Arn
                  Queue:
                    Type: AWS::SQS::Queue
                Parameters:
                  Greeting: {Type: String, Default: hello}
                """);

        JsonNode function = new ObjectMapper().readTree(sam.translated().toFile()).path("Resources").path("Fn");
        assertThat(function.path("Type").asText()).isEqualTo("AWS::Lambda::Function");
        assertThat(function.path("Properties").path("Environment").path("Variables").toString())
                .isEqualTo("{\"GREETING\":{\"Fn::Sub\":\"${Greeting}, world\"},"
                        + "\"QUEUE\":{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}}");
    }

    @Test
    void aTemplateThatIsNotYamlIsRefusedWithItsLineAndNothingIsWritten(@TempDir Path dir) {
        assertThatThrownBy(() -> translated(dir, """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: [unclosed
                """))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("SAM's translator on ")
                .hasMessageContaining(" failed: ")
                .hasMessageContaining("line 6");
        assertThat(dir.resolve("translated.json")).doesNotExist();
        assertThat(dir.resolve("decoded.json")).doesNotExist();
    }

    private static SamTranslation translated(Path dir, String yaml) throws IOException {
        return SamTranslation.of(TestRuntimes.motoPython(), Files.writeString(dir.resolve("template.yaml"), yaml),
                "us-east-1", dir);
    }
}
