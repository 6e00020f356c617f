package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.StackResources;
import io.meshcanary.local.demo.DemoShop;
import io.meshcanary.local.demo.Router;
import io.meshcanary.local.demo.RouterFixture;
import io.meshcanary.rollout.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The demo's shop (an app as a platform team has it before onboarding, in names of its own) seen by a test: the
 * stack's resource names come from the local runtime, and waits fail with what was last seen. The local runtime's
 * ECS simulator runs the tasks of whatever services the test creates.
 */
final class CanaryApp {

    final String id = UUID.randomUUID().toString().substring(0, 8);
    final DemoShop shop;
    final String cluster;
    final String app;
    final String mesh;
    final String alarm;
    final String cloudMapServiceId;
    final RouterFixture router;

    /** The shop behind its App Mesh route. */
    CanaryApp() {
        this(Router.APP_MESH);
    }

    CanaryApp(Router router) {
        this(router, "");
    }

    /** @param nameTail lengthens every name of the shop, e.g. {@code orders-<id><nameTail>} */
    CanaryApp(Router router, String nameTail) {
        shop = new DemoShop(id + nameTail);
        cluster = shop.cluster;
        app = shop.app;
        mesh = shop.mesh;
        alarm = shop.alarm;
        cloudMapServiceId = shop.cloudMapServiceId;
        this.router = router.on(shop);
        OwnedApps.track(this);
    }

    /**
     * Takes the app down as a team would before it deletes the cluster: its spec removed (the CLI's verbs list every
     * onboarded app), the executions about it stopped, every service scaled to zero and deleted, the tasks no service
     * runs stopped, then the cluster deleted.
     */
    void close() {
        try {
            deleteSpec();
        } catch (ParameterNotFoundException e) {
            // Never onboarded, or its test removed the spec itself.
        }
        AWS.sfn.listExecutionsPaginator(request -> request.stateMachineArn(CanaryWorkflow.STATE_MACHINE)
                        .statusFilter(ExecutionStatus.RUNNING)).executions().stream()
                .filter(execution -> AWS.sfn.describeExecution(request -> request
                        .executionArn(execution.executionArn())).input().contains(cluster))
                .forEach(execution -> AWS.sfn.stopExecution(request -> request.executionArn(execution.executionArn())
                        .cause("the test that started it is over")));
        for (String service : AWS.ecs.listServicesPaginator(request -> request.cluster(cluster)).serviceArns()) {
            try {
                AWS.ecs.updateService(request -> request.cluster(cluster).service(service).desiredCount(0));
                AWS.ecs.deleteService(request -> request.cluster(cluster).service(service).force(true));
            } catch (ServiceNotFoundException e) {
                // Deleted since it was listed: a step of an execution stopped just above was still running.
            }
        }
        for (String task : AWS.ecs.listTasksPaginator(request -> request.cluster(cluster)).taskArns()) {
            AWS.ecs.stopTask(request -> request.cluster(cluster).task(task).reason("the test is over"));
        }
        AWS.ecs.deleteCluster(request -> request.cluster(cluster));
    }

    /**
     * The example spec in this app's names and router, with a one-second interval and checks the test can steer.
     * Capacity is polled every second whatever interval a test then picks: a test that lengthens the interval to
     * catch a rollout mid-step has no reason to wait longer for tasks.
     */
    ObjectNode spec() {
        ObjectNode spec = shop.spec(SampleEvents.repositoryRoot(), 1);
        spec.withObjectProperty("timeouts").put("capacityPollSeconds", 1);
        router.route(spec);
        return spec;
    }

    void onboard(JsonNode spec) {
        shop.onboard(spec, Shop.SPEC_PREFIX);
    }

    void reportErrorRate(double percent) {
        shop.reportErrorRate(percent);
    }

    String registerRevision(String image) {
        return shop.registerRevision(image);
    }

    void createService(String taskDefinition) {
        router.createService(taskDefinition);
    }

    void deploy(String taskDefinition) {
        shop.deploy(taskDefinition);
    }

    Optional<Service> service(String name) {
        return shop.service(name);
    }

    RouteSpec route() {
        return shop.route();
    }

    int canaryWeight() {
        return router.canaryWeight();
    }

    /** What meshcanary must leave as it found it on the route or rule. */
    Object untouched() {
        return router.untouched();
    }

    /** Cloud Map instances of the app, by instance id, with their attributes. */
    Map<String, Map<String, String>> instances() {
        return shop.instances();
    }

    List<String> virtualNodes() {
        return shop.virtualNodes();
    }

    /** A task in the service's group that no event announced: the simulator leaves it alone. */
    Task runTask(String serviceName, String taskDefinition) {
        return shop.runTask(serviceName, taskDefinition);
    }

    void stopTask(Task task) {
        AWS.ecs.stopTask(request -> request.cluster(cluster).task(task.taskArn()).reason("scaled in"));
    }

    /** Someone edits the route or rule by hand, as in the console: the tracks' weights only, the rest stays. */
    void editWeights(int canaryPercent) {
        router.editWeights(canaryPercent);
    }

    /**
     * The team's service on {@code taskDefinition}, not onboarded yet, scaled by Application Auto Scaling between
     * {@code min} and {@code max} tasks.
     *
     * @return the scalable target's resource id, {@code service/<cluster>/<app>}
     */
    String createScaledService(String taskDefinition, int min, int max) {
        createService(taskDefinition);
        String resourceId = "service/%s/%s".formatted(cluster, app);
        AWS.autoScaling.registerScalableTarget(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(resourceId)
                .minCapacity(min).maxCapacity(max));
        awaitFirstDeploymentHandled();
        return resourceId;
    }

    /** The service's first deployment must find it not onboarded yet, or it would start a bootstrap late. */
    void awaitFirstDeploymentHandled() {
        Eventually.until(() -> FunctionLog.lines(line -> "deployment handled".equals(line.path("message").asText())
                        && line.path("ecsService").asText().endsWith("/" + app)),
                handled -> !handled.isEmpty(), "the first deployment of %s to be handled".formatted(app));
    }

    /** The scalable target of the resource id, if Application Auto Scaling has one. */
    static Optional<ScalableTarget> scalableTarget(String resourceId) {
        return AWS.autoScaling.describeScalableTargets(request -> request.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(resourceId)).scalableTargets().stream().findFirst();
    }

    /** Offboards the app through a manual execution named after {@code name}, and waits for its outcome. */
    CanaryWorkflow.Outcome offboard(String name) {
        ObjectNode input = SampleEvents.JSON.createObjectNode().put("cluster", cluster).put("service", app)
                .put("action", "offboard");
        String execution = "offboard-%s-%s".formatted(name, id);
        CanaryWorkflow.start(execution, input.toString());
        return CanaryWorkflow.awaitOutcome(execution);
    }

    /** The team removes the app's canary spec, by mistake or as an IaC replacement does. */
    void deleteSpec() {
        AWS.ssm.deleteParameter(request -> request.name(Shop.SPEC_PREFIX + "/" + cluster + "/" + app));
    }

    /** The spec onboard stored for this app; null when there is none. */
    String storedSpec() {
        return storedSpec(cluster, app);
    }

    /** The spec onboard stored for {@code service} of {@code cluster}; null when there is none. */
    static String storedSpec(String cluster, String service) {
        try {
            return AWS.ssm.getParameter(request -> request.name(Shop.SPEC_PREFIX + "/" + cluster + "/" + service))
                    .parameter().value();
        } catch (ParameterNotFoundException e) {
            return null;
        }
    }

    /** The rollout key, {@code <cluster>/<app>}. */
    String service() {
        return cluster + "/" + app;
    }

    Optional<JsonNode> record() {
        return shop.record(StackResources.ref("RolloutTable"));
    }

    /**
     * Onboards the app with {@code spec} and creates its service on orders:1, which the bootstrap makes primary.
     * Returns once the user's service, scaled to zero by the bootstrap, has no task registered any more.
     */
    String bootstrap(JsonNode spec) {
        onboard(spec);
        return bootstrapOnboarded();
    }

    /** Creates the service of the app, onboarded already, on orders:1 and waits as {@link #bootstrap} does. */
    String bootstrapOnboarded() {
        String first = registerRevision("orders:1");
        createService(first);
        awaitRollout(first, "SUCCEEDED");
        Eventually.until(this::instances, instances -> instances.values().stream()
                        .noneMatch(attributes -> "canary".equals(attributes.get("track"))),
                "the bootstrap's canary task to go");
        return first;
    }

    /** Deregisters the app's tasks and deletes its Cloud Map service, as a careless clean-up would. */
    void deleteCloudMapService() {
        AWS.cloudMap.listInstancesPaginator(request -> request.serviceId(cloudMapServiceId)).stream()
                .flatMap(page -> page.instances().stream())
                .forEach(instance -> AWS.cloudMap.deregisterInstance(request -> request.serviceId(cloudMapServiceId)
                        .instanceId(instance.id())));
        AWS.cloudMap.deleteService(request -> request.id(cloudMapServiceId));
    }

    /** Waits for the rollout record to show {@code what}. */
    JsonNode awaitRecord(Predicate<JsonNode> matching, String what) {
        return Eventually.until(this::record, found -> found.filter(matching).isPresent(),
                "the rollout record of %s to show %s".formatted(app, what), Duration.ofSeconds(120)).orElseThrow();
    }

    /** Waits for the rollout of {@code taskDefinition} to have applied weight step {@code step}. */
    JsonNode awaitStep(String taskDefinition, int step) {
        return awaitRecord(record -> isRolloutOf(record, taskDefinition) && record.path("step").asInt() == step,
                "step %d of %s".formatted(step, taskDefinition));
    }

    static boolean isRolloutOf(JsonNode record, String taskDefinition) {
        return record.path("canaryTaskDefinition").asText().equals(taskDefinition);
    }

    /** Waits for the rollout of {@code taskDefinition} to end, and checks it ended in {@code phase}. */
    JsonNode awaitRollout(String taskDefinition, String phase) {
        JsonNode record = Eventually.until(this::record, found -> found.isPresent()
                        && isRolloutOf(found.get(), taskDefinition)
                        && Phase.valueOf(found.get().path("phase").asText()).terminal(),
                "the rollout of %s to end".formatted(taskDefinition), Duration.ofSeconds(180))
                .orElseThrow();
        if (!record.path("phase").asText().equals(phase)) {
            throw new AssertionError("the rollout of %s ended %s, not %s: %s".formatted(taskDefinition,
                    record.path("phase").asText(), phase, record.path("history")));
        }
        return record;
    }
}
