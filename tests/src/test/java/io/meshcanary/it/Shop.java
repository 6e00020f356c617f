package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeData;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;

/**
 * One onboarded app in the emulator, with names of its own so that tests never see each other's state: an ECS
 * cluster and awsvpc task definition, a Cloud Map namespace and service, a mesh, and the app's canary spec.
 */
final class Shop {

    static final String SPEC_PREFIX = "/meshcanary";

    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String cluster = "shop-" + id;
    final String app = "orders-" + id;
    final String mesh = "mesh-" + id;
    final String namespace = "shop-" + id + ".local";
    final String clusterArn;
    final String taskDefinitionArn;
    final String cloudMapServiceId;
    private final String subnet;
    private final String securityGroup;

    private Shop() {
        clusterArn = AWS.ecs.createCluster(request -> request.clusterName(cluster)).cluster().clusterArn();
        taskDefinitionArn = AWS.ecs.registerTaskDefinition(request -> request.family(app)
                        .networkMode(NetworkMode.AWSVPC)
                        .requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                        .cpu("256").memory("512")
                        .containerDefinitions(container -> container.name("orders").image("orders:1").essential(true)
                                .memory(512)
                                .portMappings(port -> port.containerPort(8080))))
                .taskDefinition().taskDefinitionArn();
        AWS.cloudMap.createHttpNamespace(request -> request.name(namespace));
        String namespaceId = AWS.cloudMap.listNamespacesPaginator(request -> { }).stream()
                .flatMap(page -> page.namespaces().stream())
                .filter(candidate -> candidate.name().equals(namespace))
                .findFirst().orElseThrow().id();
        cloudMapServiceId = AWS.cloudMap.createService(request -> request.name(app).namespaceId(namespaceId))
                .service().id();
        AWS.appMesh.createMesh(request -> request.meshName(mesh));
        subnet = AWS.ec2.describeSubnets().subnets().getFirst().subnetId();
        securityGroup = AWS.ec2.describeSecurityGroups(request -> request.filters(filter -> filter.name("group-name")
                .values("default"))).securityGroups().getFirst().groupId();
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
        try {
            ObjectNode spec = (ObjectNode) SampleEvents.JSON.readTree(
                    SampleEvents.repositoryRoot().resolve("examples/orders.canary.json").toFile());
            ObjectNode router = (ObjectNode) spec.get("router");
            router.put("mesh", mesh).put("virtualRouter", app).put("route", app);
            ((ObjectNode) router.get("cloudMap")).put("namespace", namespace).put("service", app);
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Task runTask(String serviceName) {
        return AWS.ecs.runTask(request -> request.cluster(cluster).taskDefinition(taskDefinitionArn)
                        .launchType(LaunchType.FARGATE).group("service:" + serviceName).count(1)
                        .networkConfiguration(network -> network.awsvpcConfiguration(vpc -> vpc.subnets(subnet)
                                .securityGroups(securityGroup))))
                .tasks().getFirst();
    }

    void stopTask(Task task) {
        AWS.ecs.stopTask(request -> request.cluster(cluster).task(task.taskArn()).reason("scaled in"));
    }

    /** The Fargate sample event, rewritten to describe {@code task} of this app. */
    ObjectNode runningEvent(Task task) {
        return describe(SampleEvents.load("task-running-fargate.json"), task);
    }

    ObjectNode stoppedEvent(Task task) {
        return describe(SampleEvents.load("task-stopped-failed.json"), task);
    }

    private ObjectNode describe(ObjectNode event, Task task) {
        String address = task.attachments().getFirst().details().stream()
                .filter(detail -> detail.name().equals("privateIPv4Address"))
                .findFirst().orElseThrow().value();
        event.putArray("resources").add(task.taskArn());
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("taskArn", task.taskArn())
                .put("clusterArn", clusterArn)
                .put("group", task.group())
                .put("taskDefinitionArn", taskDefinitionArn);
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

    /** Cloud Map instances of the app, by instance id, with their attributes. */
    Map<String, Map<String, String>> instances() {
        return AWS.cloudMap.listInstancesPaginator(request -> request.serviceId(cloudMapServiceId)).stream()
                .flatMap(page -> page.instances().stream())
                .collect(Collectors.toMap(InstanceSummary::id, InstanceSummary::attributes));
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
