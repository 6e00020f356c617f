package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.demo.DemoShop;
import io.meshcanary.local.ecssim.TaskEvents;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeData;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One app in the emulator for the node registry's tests, on the demo's shop: its tasks are started by the test
 * itself (no ECS service runs them, so the ECS simulator leaves them alone) and their events come from the samples.
 */
final class Shop {

    static final String SPEC_PREFIX = "/meshcanary";

    final String id = UUID.randomUUID().toString().substring(0, 8);
    private final DemoShop shop = new DemoShop(id);
    final String cluster = shop.cluster;
    final String app = shop.app;
    final String mesh = shop.mesh;
    final String namespace = shop.namespace;
    final String clusterArn;
    final String taskDefinitionArn;
    private final TaskEvents events = new TaskEvents(SampleEvents.repositoryRoot().resolve("events"));

    private Shop() {
        clusterArn = AWS.ecs.describeClusters(request -> request.clusters(cluster)).clusters().getFirst()
                .clusterArn();
        taskDefinitionArn = shop.registerRevision("orders:1");
    }

    /** A new app whose canary spec is stored, so that it counts as onboarded. */
    static Shop onboarded() {
        Shop shop = new Shop();
        shop.storeSpec(shop.cluster);
        return shop;
    }

    /** A new app that has ECS tasks but no canary spec. */
    static Shop notOnboarded() {
        return new Shop();
    }

    void storeSpec(String underCluster) {
        AWS.ssm.putParameter(request -> request.name(SPEC_PREFIX + "/" + underCluster + "/" + app)
                .type("String").overwrite(true).value(spec().toString()));
    }

    ObjectNode spec() {
        return shop.spec(SampleEvents.repositoryRoot(), 60);
    }

    Task runTask(String serviceName) {
        return shop.runTask(serviceName, taskDefinitionArn);
    }

    void stopTask(Task task) {
        AWS.ecs.stopTask(request -> request.cluster(cluster).task(task.taskArn()).reason("scaled in"));
    }

    /** The Fargate sample event, rewritten to describe {@code task} of this app. */
    ObjectNode runningEvent(Task task) {
        return events.running(task);
    }

    /** The sample of a task stopped by a failed essential container. */
    ObjectNode stoppedEvent(Task task) {
        return events.stopped(task, 1);
    }

    /** ECS's deployment event for the service {@code serviceArn}: the sample, rewritten. */
    ObjectNode deploymentEvent(String serviceArn) {
        return events.deploymentInProgress(serviceArn,
                "ecs-svc/" + Math.abs(UUID.randomUUID().getLeastSignificantBits()), null);
    }

    /** Cloud Map instances of the app, by instance id, with their attributes. */
    Map<String, Map<String, String>> instances() {
        return shop.instances();
    }

    /** Listed first: moto answers a describe of a missing node with a 400 where AWS sends a 404. */
    Optional<VirtualNodeData> virtualNode(String name) {
        boolean listed = AWS.appMesh.listVirtualNodesPaginator(request -> request.meshName(mesh)).virtualNodes()
                .stream().anyMatch(ref -> ref.virtualNodeName().equals(name));
        return listed ? Optional.of(AWS.appMesh.describeVirtualNode(request -> request.meshName(mesh)
                .virtualNodeName(name)).virtualNode()) : Optional.empty();
    }

    static String taskId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }
}
