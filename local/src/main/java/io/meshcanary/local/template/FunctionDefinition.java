package io.meshcanary.local.template;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A function of the template with what the local runtime needs to host it. */
public record FunctionDefinition(
        String logicalId,
        String name,
        String arn,
        HandlerSpec handler,
        Duration timeout,
        int memoryMb,
        AsyncInvokeConfig asyncInvokeConfig,
        Optional<String> deadLetterQueueUrl,
        List<RuleDefinition> rules) {

    public FunctionDefinition {
        rules = List.copyOf(rules);
    }
}
