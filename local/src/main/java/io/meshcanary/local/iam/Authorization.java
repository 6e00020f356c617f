package io.meshcanary.local.iam;

import java.util.Map;

/**
 * One thing IAM authorizes for a request: an action on a resource, with the condition keys the request carries.
 * An operation may need several (ECS CreateService with tags also needs ecs:TagResource).
 *
 * @param resource the ARN as the Service Authorization Reference names it for the action, {@code *} for an
 *     action that supports no resource-level permission, or null where the request does not name it (a task token
 *     names no state machine): then only the action is checked
 * @param context condition keys (case as the reference writes them) and their values in this request
 */
public record Authorization(String action, String resource, Map<String, String> context) {

    public Authorization {
        context = Map.copyOf(context);
    }

    public Authorization(String action, String resource) {
        this(action, resource, Map.of());
    }

    /** An action whose resource the request does not name, so that only the action can be checked locally. */
    public static Authorization actionOnly(String action) {
        return new Authorization(action, null, Map.of());
    }

    /** How AWS's message names the resource. */
    public String describedResource() {
        return resource == null ? "(the resource the request's token stands for)" : resource;
    }
}
