package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An EventBridge rule that SAM generates for a function's EventBridgeRule event. Locally the rule targets an SQS
 * queue of its own, from which the function host delivers matched events to the function.
 *
 * @param logicalId the logical id SAM gives the rule: function logical id followed by the event name
 * @param pattern the event pattern, intrinsics resolved
 */
public record RuleDefinition(
        String logicalId,
        String name,
        String arn,
        String eventBusName,
        JsonNode pattern,
        boolean enabled,
        String targetQueueName,
        String targetQueueArn,
        String targetQueueUrl) {
}
