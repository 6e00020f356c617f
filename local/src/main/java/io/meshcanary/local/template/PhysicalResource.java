package io.meshcanary.local.template;

import java.util.Map;

/**
 * What a logical resource is called locally: the value of its Ref and of its Fn::GetAtt attributes.
 * For example a queue's ref is its URL, and its attributes are Arn, QueueName and QueueUrl.
 */
public record PhysicalResource(String logicalId, String type, String name, String ref, Map<String, String> attributes) {

    public PhysicalResource {
        attributes = Map.copyOf(attributes);
    }
}
