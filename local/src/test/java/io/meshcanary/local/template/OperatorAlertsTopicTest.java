package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.TemplateCopy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter alarms publish to the operator alert topic, and CloudWatch can publish to an encrypted topic only
 * when the topic's KMS key policy lets cloudwatch.amazonaws.com use the key (Amazon SNS Developer Guide, "Configure
 * KMS permissions for AWS services"). The AWS managed key alias/aws/sns has a policy no one can change that allows no
 * service principal, so alarms on a topic under it never deliver: the topic needs a customer managed key whose policy
 * grants CloudWatch kms:Decrypt and kms:GenerateDataKey*. moto accepts any key, hence a check of the template itself.
 */
class OperatorAlertsTopicTest {

    private static final Path TEMPLATE = Path.of(System.getProperty("meshcanary.template", "../template.yaml"));
    private static final String TOPIC = "OperatorAlertsTopic";

    @Test
    void theAlertTopicsKeyLetsCloudWatchAlarmsPublish() throws IOException {
        JsonNode resources = TemplateCopy.decoded(TEMPLATE).path("Resources");
        JsonNode keyId = resources.path(TOPIC).path("Properties").path("KmsMasterKeyId");

        assertThat(keyId.isTextual() ? keyId.asText() : "").as("%s's KmsMasterKeyId", TOPIC)
                .doesNotStartWith("alias/aws/");
        assertThat(keyId.path("Ref").asText()).as("%s's key, a key of this template", TOPIC).isNotEmpty();
        JsonNode key = resources.path(keyId.path("Ref").asText());
        assertThat(key.path("Type").asText()).isEqualTo("AWS::KMS::Key");
        assertThat(cloudWatchActions(key.path("Properties").path("KeyPolicy")))
                .as("what the key policy allows cloudwatch.amazonaws.com")
                .contains("kms:Decrypt", "kms:GenerateDataKey*");
    }

    @Test
    void everyDeadLetterAlarmPublishesToTheAlertTopic() throws IOException {
        JsonNode resources = TemplateCopy.decoded(TEMPLATE).path("Resources");
        List<String> alarms = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (resource.getKey().endsWith("DeadLetterAlarm")) {
                alarms.add(resource.getValue().path("Properties").path("AlarmActions").path(0).path("Ref").asText());
            }
        });

        assertThat(alarms).isNotEmpty().containsOnly(TOPIC);
    }

    private static List<String> cloudWatchActions(JsonNode policy) {
        List<String> actions = new ArrayList<>();
        policy.path("Statement").forEach(statement -> {
            JsonNode service = statement.path("Principal").path("Service");
            boolean cloudWatch = service.isArray() ? service.toString().contains("\"cloudwatch.amazonaws.com\"")
                    : service.asText().equals("cloudwatch.amazonaws.com");
            if (cloudWatch && statement.path("Effect").asText().equals("Allow")
                    && statement.path("Condition").isMissingNode()) {
                JsonNode action = statement.path("Action");
                if (action.isArray()) {
                    action.forEach(each -> actions.add(each.asText()));
                } else {
                    actions.add(action.asText());
                }
            }
        });
        return actions;
    }
}
