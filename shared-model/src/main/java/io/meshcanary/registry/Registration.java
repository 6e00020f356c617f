package io.meshcanary.registry;

import io.meshcanary.model.Track;

/**
 * One task as a Cloud Map instance.
 *
 * @param instanceId the ECS task id, so that a task maps to exactly one instance
 * @param revision the task definition revision the task runs
 */
public record Registration(String instanceId, Endpoint endpoint, Track track, String revision, String cluster,
        String service, String taskDefinitionFamily) {
}
