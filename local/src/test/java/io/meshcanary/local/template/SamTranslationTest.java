package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTranslationTest {

    @Test
    void shortFormTagsAreReadAsSamReadsThem(@TempDir Path dir) {
        SamTranslation sam = Templates.translated(dir, Templates.ONE_FUNCTION + """
                      Environment:
                        Variables:
                          GREETING: !Sub "${Greeting}, world"
                          QUEUE: !GetAtt Queue.Arn
                  Queue:
                    Type: AWS::SQS::Queue
                Parameters:
                  Greeting: {Type: String, Default: hello}
                """);

        TemplateResource function = sam.translated().resources().get("Fn");
        assertThat(function.type()).isEqualTo("AWS::Lambda::Function");
        assertThat(function.properties().path("Environment").path("Variables").toString())
                .isEqualTo("{\"GREETING\":{\"Fn::Sub\":\"${Greeting}, world\"},"
                        + "\"QUEUE\":{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}}");
    }

    @Test
    void aTemplateThatIsNotYamlIsRefusedWithItsLineAndNothingIsWritten(@TempDir Path dir) {
        assertThatThrownBy(() -> Templates.translated(dir, """
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
}
