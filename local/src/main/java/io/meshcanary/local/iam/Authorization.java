package io.meshcanary.local.iam;

import java.util.Map;

/**
 * One thing IAM authorizes for a request: an action on a resource, with the condition keys the request carries.
 * An operation may need several (ECS CreateService with tags also needs ecs:TagResource).
 *
 * @param resource the ARN as the Service Authorization Reference names it for the action, or {@code *} for an
 *     action the reference lists with no resource type, which only a statement with {@code Resource: "*"} grants
 * @param context condition keys (case as the reference writes them) and their values in this request
 */
public record Authorization(String action, String resource, Map<String, String> context) {

    public Authorization {
        context = Map.copyOf(context);
    }

    public Authorization(String action, String resource) {
        this(action, resource, Map.of());
    }

}
