package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTranslationTest {

    @Test
    void shortFormTagsAreReadAsSamReadsThem(@TempDir Path dir) {
        SamTranslation sam = Templates.translated(dir, """
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Greeting: {Type: String, Default: hello}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Runtime: java21
                      CodeUri: .
                      Environment:
                        Variables:
                          GREETING: !Sub "${Greeting}, world"
                          QUEUE: !GetAtt Queue.Arn
                  Queue:
                    Type: AWS::SQS::Queue
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
                .hasMessageContaining("SAM's translator refused")
                .hasMessageContaining("line 6");
        assertThat(dir.resolve("translated.json")).doesNotExist();
        assertThat(dir.resolve("decoded.json")).doesNotExist();
    }
}
