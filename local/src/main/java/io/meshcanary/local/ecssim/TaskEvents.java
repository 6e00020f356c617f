package io.meshcanary.local.ecssim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.RepositoryFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Builds ECS events for emulated tasks from the sample events in {@code events/}, so that what the simulator puts
 * on the bus has exactly the shape the functions are tested with and that AWS sends.
 */
public final class TaskEvents {

    private final Path events;

    public TaskEvents(Path eventsDirectory) {
        this.events = eventsDirectory;
    }

    /** The Fargate RUNNING sample, rewritten to describe {@code task}. */
    public ObjectNode running(Task task) {
        return describe(load("task-running-fargate.json"), task);
    }

    /** The STOPPED sample; {@code exitCode} of the essential container, and the stop code that goes with it. */
    public ObjectNode stopped(Task task, int exitCode) {
        ObjectNode event = describe(load("task-stopped-failed.json"), task);
        ObjectNode detail = (ObjectNode) event.get("detail");
        ((ObjectNode) detail.get("containers").get(0)).put("exitCode", exitCode);
        if (exitCode == 0) {
            detail.put("stopCode", "ServiceSchedulerInitiated").put("stoppedReason", "Scaling activity initiated by deployment");
        }
        return event;
    }

    /** {@code reason} is ECS's, or null for the usual "in progress" one. */
    public ObjectNode deploymentInProgress(String serviceArn, String deploymentId, String reason) {
        return deployment("deployment-in-progress.json", serviceArn, deploymentId,
                reason == null ? "ECS deployment " + deploymentId + " in progress." : reason);
    }

    /** The circuit breaker's {@code SERVICE_DEPLOYMENT_FAILED}. */
    public ObjectNode deploymentFailed(String serviceArn, String deploymentId, String reason) {
        return deployment("deployment-failed.json", serviceArn, deploymentId, reason);
    }

    private ObjectNode deployment(String sample, String serviceArn, String deploymentId, String reason) {
        ObjectNode event = load(sample);
        stamp(event);
        event.putArray("resources").add(serviceArn);
        ((ObjectNode) event.get("detail")).put("deploymentId", deploymentId)
                .put("updatedAt", Instant.now().toString())
                .put("reason", reason);
        return event;
    }

    private ObjectNode describe(ObjectNode event, Task task) {
        stamp(event);
        event.putArray("resources").add(task.taskArn());
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("taskArn", task.taskArn())
                .put("clusterArn", task.clusterArn())
                .put("group", task.group())
                .put("taskDefinitionArn", task.taskDefinitionArn());
        String address = privateIp(task);
        for (JsonNode entry : detail.get("attachments").get(0).get("details")) {
            if (entry.get("name").asText().equals("privateIPv4Address")) {
                ((ObjectNode) entry).put("value", address);
            }
        }
        for (JsonNode container : detail.get("containers")) {
            ((ObjectNode) container).put("taskArn", task.taskArn());
            ((ObjectNode) container.get("networkInterfaces").get(0)).put("privateIpv4Address", address);
        }
        return event;
    }

    /** The address of the task's ENI, where its target group reaches it. */
    static String privateIp(Task task) {
        return task.attachments().stream()
                .flatMap(attachment -> attachment.details().stream())
                .filter(entry -> entry.name().equals("privateIPv4Address"))
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "emulated task %s has no ENI address: the simulator runs awsvpc tasks".formatted(task.taskArn())))
                .value();
    }

    private static void stamp(ObjectNode event) {
        event.put("id", UUID.randomUUID().toString()).put("time", Instant.now().toString());
    }

    private ObjectNode load(String name) {
        return RepositoryFiles.sampleEvent(events, name);
    }
}
