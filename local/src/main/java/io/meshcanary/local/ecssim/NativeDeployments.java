package io.meshcanary.local.ecssim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * STANDS IN FOR AWS: ECS's own deployments of a service whose {@code deploymentConfiguration.strategy} is
 * {@code BLUE_GREEN}, {@code LINEAR} or {@code CANARY}, with their pause lifecycle hooks; moto 5.2.5 has no service
 * deployments, revisions or hooks. Written from the Amazon ECS Developer Guide ("Amazon ECS blue/green deployments",
 * "Amazon ECS linear deployments", "Amazon ECS canary deployments", "Pause hooks for Amazon ECS service deployments",
 * "View service history using Amazon ECS service deployments") and the Amazon ECS API Reference (ServiceDeployment,
 * ServiceRevision, DeploymentLifecycleHookDetail, ContinueServiceDeployment, StopServiceDeployment,
 * DescribeServiceDeployments, ListServiceDeployments, DescribeServiceRevisions).
 *
 * <p>A new task definition makes a service revision and a service deployment: the green revision scales to the
 * service's full desired count in the target group that serves no production traffic (the load balancer's
 * {@code advancedConfiguration.alternateTargetGroupArn}, or its {@code targetGroupArn} when the alternate serves
 * production), and only once all its tasks are healthy does traffic move, one step of the strategy's grid at a time,
 * as the forward weights of the production listener rule between the two groups. A {@code PAUSE} hook stops the
 * deployment at each stage it lists ({@code PRE_PRODUCTION_TRAFFIC_SHIFT} before every traffic step, with a new hook
 * id each time), puts {@code HOOK_AWAITING_ACTION} on the bus, and waits for ContinueServiceDeployment or its timeout
 * action. After the last step and the bake time, the blue tasks stop and the groups swap roles for the next
 * deployment. A rollback puts all traffic back on blue, stops green and returns the service to its source revision.
 *
 * <p>Not stood in for (yet): test traffic ({@code testListenerRule}), Lambda hooks, weights for Service Connect, NLB
 * and VPC Lattice, alarm and circuit-breaker rollback of these deployments, the deployment events other than the
 * first {@code SERVICE_DEPLOYMENT_IN_PROGRESS}, service deployments of rolling updates. A newer task definition stops
 * the deployment in progress ({@code STOPPED}) and deploys from the same source revision, its clean-up stopping
 * every older task and its rollback every task but the source's. ECS's minutes (bake times, hook timeouts) last
 * {@link #MINUTE} locally, so that tests do not wait minutes.
 */
final class NativeDeployments {

    /** The ECS operations this stand-in answers in place of the emulator, which has none of them. */
    static final Set<String> OPERATIONS = Set.of("ContinueServiceDeployment", "StopServiceDeployment",
            "DescribeServiceDeployments", "ListServiceDeployments", "DescribeServiceRevisions");
    /** How long one of ECS's minutes lasts locally: {@code MESHCANARY_ECS_MINUTE} (ISO-8601), one second if unset. */
    static final Duration MINUTE = Optional.ofNullable(System.getenv("MESHCANARY_ECS_MINUTE")).map(Duration::parse)
            .orElse(Duration.ofSeconds(1));
    private static final Set<String> STRATEGIES = Set.of("BLUE_GREEN", "LINEAR", "CANARY");
    /** The states in which a deployment is already stopping or rolling back (ServiceDeploymentStatus). */
    private static final Set<String> STOPPING = Set.of("STOP_REQUESTED", "ROLLBACK_REQUESTED",
            "ROLLBACK_IN_PROGRESS");
    /** A pause hook waits at most 14 days (Developer Guide, "Pause hooks for Amazon ECS service deployments"). */
    private static final int LONGEST_PAUSE_MINUTES = 14 * 24 * 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Fleet fleet;
    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, Revision> revisions = new ConcurrentHashMap<>();
    /** The service's deployment now in progress or last finished, by service ARN. */
    private final Map<String, Deployment> latest = new ConcurrentHashMap<>();
    /** The target group that serves a service's production traffic, by service ARN, once a deployment swapped it. */
    private final Map<String, String> production = new ConcurrentHashMap<>();

    /** What the stand-in asks of the simulator that runs the service's tasks. */
    interface Fleet {
        /** Starts a task of {@code taskDefinition} among the service's running tasks. */
        void run(Service service, String taskDefinition);

        /** Stops one of the service's running tasks. */
        void stop(Service service, Task task);

        boolean healthy(Service service, Task task);

        /** Points the service back at {@code taskDefinition}, as the simulator's own revision (no new deployment). */
        void revert(Service service, String taskDefinition);

        void forward(String ruleArn, Action forward);

        void put(JsonNode event);

        void wake(Service service, Duration after);
    }

    NativeDeployments(Fleet fleet) {
        this.fleet = fleet;
    }

    /** Whether ECS runs this service's deployments itself (deployment controller ECS, one of the three strategies). */
    static boolean runsDeploymentsOf(Service service) {
        DeploymentConfiguration configuration = service.deploymentConfiguration();
        boolean ecsController = service.deploymentController() == null
                || "ECS".equals(service.deploymentController().typeAsString());
        return ecsController && configuration != null && STRATEGIES.contains(configuration.strategyAsString());
    }

    /** Whether a deployment of the service is in progress: the simulator then leaves its tasks to this stand-in. */
    boolean inProgress(Service service) {
        Deployment deployment = latest.get(service.serviceArn());
        return deployment != null && !deployment.finished();
    }

    /**
     * Starts the deployment of the service's new task definition from {@code sourceTaskDefinition}, or, while an
     * older deployment is in progress, from that one's source: the revision that last served all production traffic.
     */
    synchronized void start(Service service, String sourceTaskDefinition) {
        Revision source = Optional.ofNullable(latest.get(service.serviceArn())).filter(older -> !older.finished())
                .map(older -> older.source).orElseGet(() -> revision(service, sourceTaskDefinition));
        Revision target = revision(service, service.taskDefinition());
        LoadBalancer balancer = service.loadBalancers().stream()
                .filter(candidate -> candidate.advancedConfiguration() != null).findFirst()
                .orElseThrow(() -> new IllegalStateException(("service %s: the stand-in runs %s deployments behind"
                        + " an ALB with advancedConfiguration only").formatted(service.serviceName(),
                        service.deploymentConfiguration().strategyAsString())));
        String blue = production.getOrDefault(service.serviceArn(), balancer.targetGroupArn());
        String green = blue.equals(balancer.targetGroupArn())
                ? balancer.advancedConfiguration().alternateTargetGroupArn() : balancer.targetGroupArn();
        Deployment deployment = new Deployment(service.serviceArn().replace(":service/", ":service-deployment/")
                + "/" + id(), service, source, target, moves(service.deploymentConfiguration()), blue, green,
                balancer.advancedConfiguration().productionListenerRule());
        deployments.put(deployment.arn, deployment);
        Optional.ofNullable(latest.put(service.serviceArn(), deployment)).filter(older -> !older.finished())
                .ifPresent(older -> older.finish("STOPPED", "Superseded by service deployment " + deployment.arn
                        + "."));
    }

    /** The target group a task of the service registers in: green's while its deployment runs, else production's. */
    String targetGroupFor(Service service, LoadBalancer balancer, Task task) {
        Deployment deployment = latest.get(service.serviceArn());
        if (balancer.advancedConfiguration() == null || deployment == null) {
            return balancer.targetGroupArn();
        }
        boolean green = !deployment.finished() && task.taskDefinitionArn().equals(deployment.target.taskDefinition);
        return green ? deployment.greenGroup : production.getOrDefault(service.serviceArn(), balancer.targetGroupArn());
    }

    /** Moves the service's deployment on as far as it can go now; called on the simulator's thread. */
    synchronized void advance(Service service, List<Task> running) {
        Deployment deployment = latest.get(service.serviceArn());
        if (deployment == null || deployment.finished()) {
            return;
        }
        deployment.service = service;
        Instant now = Instant.now();
        Hook hook = deployment.hook;
        if (deployment.rollbackRequested) {
            rollBack(deployment, running, "ROLLBACK_REQUESTED".equals(deployment.status)
                    ? "Service deployment rolled back by StopServiceDeployment."
                    : "Service deployment rolled back at lifecycle hook " + hook.id + ".");
            return;
        }
        if (hook != null && hook.awaiting() && now.isAfter(hook.expiresAt)) {
            deployment.hook = hook.ended("TIMED_OUT");
            if (hook.timeoutAction.equals("ROLLBACK")) {
                rollBack(deployment, running, "Lifecycle hook %s timed out; its timeout action is ROLLBACK."
                        .formatted(hook.id));
                return;
            }
            deployment.next++;
        }
        while (deployment.next < deployment.moves.size()) {
            Move move = deployment.moves.get(deployment.next);
            if (!move.apply(this, deployment, running, now)) {
                return;
            }
            deployment.next++;
        }
        List.copyOf(running).stream()
                .filter(task -> !task.taskDefinitionArn().equals(deployment.target.taskDefinition))
                .forEach(task -> fleet.stop(service, task));
        production.put(service.serviceArn(), deployment.greenGroup);
        deployment.finish("SUCCESSFUL", null);
    }

    private void rollBack(Deployment deployment, List<Task> running, String reason) {
        deployment.status = "ROLLBACK_IN_PROGRESS";
        shift(deployment, 0);
        List.copyOf(running).stream()
                .filter(task -> !task.taskDefinitionArn().equals(deployment.source.taskDefinition))
                .forEach(task -> fleet.stop(deployment.service, task));
        fleet.revert(deployment.service, deployment.source.taskDefinition);
        deployment.finish("ROLLBACK_SUCCESSFUL", reason);
    }

    private void shift(Deployment deployment, double weight) {
        int green = (int) Math.round(weight);
        fleet.forward(deployment.rule, Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(forward -> forward
                .targetGroups(TargetGroupTuple.builder().targetGroupArn(deployment.blueGroup).weight(100 - green)
                                .build(),
                        TargetGroupTuple.builder().targetGroupArn(deployment.greenGroup).weight(green).build()))
                .build());
        deployment.weight = weight;
    }

    /**
     * The stages of a deployment in order: scale green up (with its pause points before and after), each traffic step
     * of the strategy's grid behind a {@code PRE_PRODUCTION_TRAFFIC_SHIFT} pause point and followed by the step's bake
     * time, then {@code POST_PRODUCTION_TRAFFIC_SHIFT}, the bake time and the clean-up.
     */
    private static List<Move> moves(DeploymentConfiguration configuration) {
        List<Move> moves = new ArrayList<>(List.of(new Pause("PRE_SCALE_UP"), new ScaleUp(),
                new Pause("POST_SCALE_UP")));
        List<Double> grid = grid(configuration);
        for (int step = 0; step < grid.size(); step++) {
            moves.add(new Pause("PRE_PRODUCTION_TRAFFIC_SHIFT"));
            moves.add(new Shift(grid.get(step)));
            if (step < grid.size() - 1) {
                moves.add(new Bake("PRODUCTION_TRAFFIC_SHIFT", stepBakeMinutes(configuration)));
            }
        }
        moves.add(new Pause("POST_PRODUCTION_TRAFFIC_SHIFT"));
        moves.add(new Bake("BAKE_TIME", Optional.ofNullable(configuration.bakeTimeInMinutes()).orElse(0)));
        return moves;
    }

    /** The production weights of green: stepPercent's multiples then 100, canaryPercent then 100, or 100 at once. */
    static List<Double> grid(DeploymentConfiguration configuration) {
        List<Double> grid = new ArrayList<>();
        switch (configuration.strategyAsString()) {
            case "LINEAR" -> {
                double step = configuration.linearConfiguration().stepPercent();
                for (double weight = step; weight < 100; weight += step) {
                    grid.add(weight);
                }
            }
            case "CANARY" -> grid.add(configuration.canaryConfiguration().canaryPercent());
            default -> {
                // BLUE_GREEN shifts all production traffic at once.
            }
        }
        grid.add(100.0);
        return grid;
    }

    private static int stepBakeMinutes(DeploymentConfiguration configuration) {
        return switch (configuration.strategyAsString()) {
            case "LINEAR" -> Optional.ofNullable(configuration.linearConfiguration().stepBakeTimeInMinutes()).orElse(0);
            case "CANARY" -> Optional.ofNullable(configuration.canaryConfiguration().canaryBakeTimeInMinutes())
                    .orElse(0);
            default -> 0;
        };
    }

    /** One stage of a deployment; {@link #apply} says whether the deployment may move on past it now. */
    private sealed interface Move permits Pause, ScaleUp, Shift, Bake {
        boolean apply(NativeDeployments standIn, Deployment deployment, List<Task> running, Instant now);
    }

    /** A pause point: with a PAUSE hook at its stage, the deployment waits for an answer or the hook's timeout. */
    private record Pause(String stage) implements Move {
        @Override
        public boolean apply(NativeDeployments standIn, Deployment deployment, List<Task> running, Instant now) {
            Optional<DeploymentLifecycleHook> pause = deployment.service.deploymentConfiguration().lifecycleHooks()
                    .stream()
                    .filter(hook -> hook.targetType() == DeploymentLifecycleHookTargetType.PAUSE
                            && hook.lifecycleStagesAsStrings().contains(stage))
                    .findFirst();
            if (pause.isEmpty()) {
                return true;
            }
            Hook open = deployment.hook;
            if (open != null && open.awaiting()) {
                standIn.fleet.wake(deployment.service, Duration.between(now, open.expiresAt));
                return false;
            }
            int minutes = Optional.ofNullable(pause.get().timeoutConfiguration())
                    .map(timeout -> timeout.timeoutInMinutes()).orElse(LONGEST_PAUSE_MINUTES);
            String action = Optional.ofNullable(pause.get().timeoutConfiguration())
                    .map(timeout -> timeout.actionAsString()).orElse("ROLLBACK");
            deployment.hook = new Hook("ecs-pause-" + id(), stage, now.plus(MINUTE.multipliedBy(minutes)), action,
                    "AWAITING_ACTION");
            deployment.stage = stage.equals("PRE_PRODUCTION_TRAFFIC_SHIFT") ? "PRODUCTION_TRAFFIC_SHIFT"
                    : stage;
            deployment.touch();
            standIn.fleet.put(standIn.hookEvent(deployment));
            standIn.fleet.wake(deployment.service, MINUTE.multipliedBy(minutes).plusMillis(20));
            return false;
        }
    }

    /** Green at the service's full desired count, every task healthy in its group, before any traffic moves. */
    private record ScaleUp() implements Move {
        @Override
        public boolean apply(NativeDeployments standIn, Deployment deployment, List<Task> running, Instant now) {
            deployment.stage = "SCALE_UP";
            List<Task> green = running.stream()
                    .filter(task -> task.taskDefinitionArn().equals(deployment.target.taskDefinition)).toList();
            for (int more = deployment.service.desiredCount() - green.size(); more > 0; more--) {
                standIn.fleet.run(deployment.service, deployment.target.taskDefinition);
            }
            return green.size() >= deployment.service.desiredCount()
                    && green.stream().allMatch(task -> standIn.fleet.healthy(deployment.service, task));
        }
    }

    private record Shift(double weight) implements Move {
        @Override
        public boolean apply(NativeDeployments standIn, Deployment deployment, List<Task> running, Instant now) {
            deployment.stage = "PRODUCTION_TRAFFIC_SHIFT";
            standIn.shift(deployment, weight);
            deployment.touch();
            return true;
        }
    }

    private record Bake(String stage, int minutes) implements Move {
        @Override
        public boolean apply(NativeDeployments standIn, Deployment deployment, List<Task> running, Instant now) {
            deployment.stage = stage;
            if (deployment.bakeUntil == null) {
                deployment.bakeUntil = now.plus(MINUTE.multipliedBy(minutes));
            }
            if (now.isBefore(deployment.bakeUntil)) {
                standIn.fleet.wake(deployment.service, Duration.between(now, deployment.bakeUntil).plusMillis(20));
                return false;
            }
            deployment.bakeUntil = null;
            return true;
        }
    }

    // --- The API ---------------------------------------------------------------------------------------------------

    synchronized EcsAnswer answer(String operation, JsonNode request) {
        return switch (operation) {
            case "ContinueServiceDeployment" -> ofDeployment(request, deployment -> continueAt(deployment, request));
            case "StopServiceDeployment" -> ofDeployment(request, deployment -> stop(deployment, request));
            case "DescribeServiceDeployments" -> describe(request);
            case "ListServiceDeployments" -> list(request);
            case "DescribeServiceRevisions" -> describeRevisions(request);
            default -> EcsAnswer.error("InvalidParameterException", "the stand-in does not answer " + operation);
        };
    }

    /** The answer of {@code call} on the deployment the request names; ECS's error for one it does not know. */
    private EcsAnswer ofDeployment(JsonNode request, Function<Deployment, EcsAnswer> call) {
        String arn = request.path("serviceDeploymentArn").asText();
        return Optional.ofNullable(deployments.get(arn)).map(call).orElseGet(() -> EcsAnswer.error(
                "ServiceDeploymentNotFoundException", "The service deployment " + arn + " does not exist."));
    }

    /**
     * ContinueServiceDeployment (API reference; Developer Guide, "Continuing service deployments"): the hook must be
     * the deployment's and in AWAITING_ACTION, and the deployment IN_PROGRESS; the action defaults to CONTINUE. The
     * reference names the exceptions, not which one each refusal raises: an unknown deployment is
     * ServiceDeploymentNotFoundException, every other refusal here InvalidParameterException.
     */
    private EcsAnswer continueAt(Deployment deployment, JsonNode request) {
        String arn = deployment.arn;
        String hookId = request.path("hookId").asText();
        Hook hook = deployment.hook;
        if (!"IN_PROGRESS".equals(deployment.status)) {
            return EcsAnswer.error("InvalidParameterException", "The service deployment %s is %s, not IN_PROGRESS."
                    .formatted(arn, deployment.status));
        }
        if (hook == null || !hook.id.equals(hookId)) {
            return EcsAnswer.error("InvalidParameterException",
                    "The hook %s is not a lifecycle hook of the service deployment %s.".formatted(hookId, arn));
        }
        if (!hook.awaiting()) {
            return EcsAnswer.error("InvalidParameterException", "The hook %s is %s, not AWAITING_ACTION."
                    .formatted(hookId, hook.status));
        }
        String action = request.path("action").asText("CONTINUE");
        if (!action.equals("CONTINUE") && !action.equals("ROLLBACK")) {
            return EcsAnswer.error("InvalidParameterException", "action must be CONTINUE or ROLLBACK, not " + action);
        }
        deployment.hook = hook.ended("SUCCEEDED");
        if (action.equals("ROLLBACK")) {
            deployment.rollbackRequested = true;
        } else {
            deployment.next++;
        }
        deployment.touch();
        fleet.wake(deployment.service, Duration.ZERO);
        return EcsAnswer.ok(JSON.createObjectNode().put("serviceDeploymentArn", arn));
    }

    /**
     * StopServiceDeployment (API reference; Developer Guide, "Stopping Amazon ECS service deployments"): a deployment
     * in progress moves to ROLLBACK_REQUESTED and rolls back; one already stopping or rolling back carries on, so a
     * second stop is harmless; an ended one cannot stop, a ConflictException ("conflict in the current state of the
     * resource", the reference's errors for this call).
     */
    private EcsAnswer stop(Deployment deployment, JsonNode request) {
        String arn = deployment.arn;
        String stopType = request.path("stopType").asText("ROLLBACK");
        if (!stopType.equals("ROLLBACK")) {
            return EcsAnswer.error("InvalidParameterException",
                    "the stand-in stops deployments with ROLLBACK only, not " + stopType);
        }
        if (STOPPING.contains(deployment.status)) {
            return EcsAnswer.ok(JSON.createObjectNode().put("serviceDeploymentArn", arn));
        }
        if (!"IN_PROGRESS".equals(deployment.status)) {
            return EcsAnswer.error("ConflictException", "The service deployment %s is %s and cannot be stopped."
                    .formatted(arn, deployment.status));
        }
        deployment.status = "ROLLBACK_REQUESTED";
        deployment.rollbackRequested = true;
        if (deployment.hook != null && deployment.hook.awaiting()) {
            deployment.hook = deployment.hook.ended("FAILED");
        }
        deployment.touch();
        fleet.wake(deployment.service, Duration.ZERO);
        return EcsAnswer.ok(JSON.createObjectNode().put("serviceDeploymentArn", arn));
    }

    private EcsAnswer describe(JsonNode request) {
        return described(request.path("serviceDeploymentArns"), "serviceDeployments",
                arn -> Optional.ofNullable(deployments.get(arn)).map(Deployment::json));
    }

    private EcsAnswer describeRevisions(JsonNode request) {
        return described(request.path("serviceRevisionArns"), "serviceRevisions",
                arn -> Optional.ofNullable(revisions.get(arn)).map(Revision::json));
    }

    /** As ECS's Describe calls answer: each ARN asked for, found, or among the failures as {@code MISSING}. */
    private static EcsAnswer described(JsonNode arns, String field, Function<String, Optional<ObjectNode>> lookup) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode found = body.putArray(field);
        ArrayNode failures = body.putArray("failures");
        arns.forEach(arn -> lookup.apply(arn.asText()).ifPresentOrElse(found::add,
                () -> failures.addObject().put("arn", arn.asText()).put("reason", "MISSING")));
        return EcsAnswer.ok(body);
    }

    /** ListServiceDeployments: the service's deployments, newest first, filtered by status when asked. */
    private EcsAnswer list(JsonNode request) {
        String service = request.path("service").asText();
        String cluster = request.path("cluster").asText("default");
        List<String> statuses = new ArrayList<>();
        request.path("status").forEach(status -> statuses.add(status.asText()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode briefs = body.putArray("serviceDeployments");
        deployments.values().stream()
                .filter(deployment -> named(deployment.serviceArn, service) && named(deployment.clusterArn, cluster))
                .filter(deployment -> statuses.isEmpty() || statuses.contains(deployment.status))
                .sorted((one, other) -> other.createdAt.compareTo(one.createdAt))
                .forEach(deployment -> briefs.add(deployment.brief()));
        return EcsAnswer.ok(body);
    }

    private static boolean named(String arn, String nameOrArn) {
        return arn.equals(nameOrArn) || arn.endsWith("/" + nameOrArn);
    }

    /**
     * The event ECS puts on the bus when a pause hook starts waiting (Developer Guide, "Pause hooks for Amazon ECS
     * service deployments": detail-type {@code ECS Hook State Change}, event name {@code HOOK_AWAITING_ACTION}). The
     * guide shows no example detail; this one carries the hook's DeploymentLifecycleHookDetail fields beside the
     * service deployment it belongs to.
     */
    private ObjectNode hookEvent(Deployment deployment) {
        String[] arn = deployment.serviceArn.split(":");
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "ECS Hook State Change").put("source", "aws.ecs").put("account", arn[4])
                .put("time", Instant.now().toString()).put("region", arn[3]);
        event.putArray("resources").add(deployment.serviceArn);
        Hook hook = deployment.hook;
        event.putObject("detail").put("eventType", "INFO").put("eventName", "HOOK_AWAITING_ACTION")
                .put("clusterArn", deployment.clusterArn).put("serviceArn", deployment.serviceArn)
                .put("serviceDeploymentArn", deployment.arn).put("hookId", hook.id).put("targetType", "PAUSE")
                .put("lifecycleStage", hook.stage).put("status", hook.status)
                .put("expiresAt", hook.expiresAt.toString()).put("timeoutAction", hook.timeoutAction)
                .put("updatedAt", Instant.now().toString());
        return event;
    }

    private Revision revision(Service service, String taskDefinition) {
        Revision revision = new Revision(service.serviceArn().replace(":service/", ":service-revision/") + "/" + id(),
                service.serviceArn(), service.clusterArn(), taskDefinition, service.loadBalancers(), Instant.now());
        revisions.put(revision.arn, revision);
        return revision;
    }

    private static String id() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    /** A service revision: what the service ran, as DescribeServiceRevisions shows it. */
    private record Revision(String arn, String serviceArn, String clusterArn, String taskDefinition,
            List<LoadBalancer> loadBalancers, Instant createdAt) {
        ObjectNode json() {
            ObjectNode revision = JSON.createObjectNode().put("serviceRevisionArn", arn).put("serviceArn", serviceArn)
                    .put("clusterArn", clusterArn).put("taskDefinition", taskDefinition)
                    .put("createdAt", seconds(createdAt));
            ArrayNode balancers = revision.putArray("loadBalancers");
            loadBalancers.forEach(balancer -> {
                ObjectNode json = balancers.addObject().put("targetGroupArn", balancer.targetGroupArn())
                        .put("containerName", balancer.containerName()).put("containerPort", balancer.containerPort());
                Optional.ofNullable(balancer.advancedConfiguration()).ifPresent(advanced -> json
                        .putObject("advancedConfiguration")
                        .put("alternateTargetGroupArn", advanced.alternateTargetGroupArn())
                        .put("productionListenerRule", advanced.productionListenerRule())
                        .put("roleArn", advanced.roleArn()));
            });
            return revision;
        }
    }

    /** A pause hook of a deployment: waiting, or how it ended. */
    private record Hook(String id, String stage, Instant expiresAt, String timeoutAction, String status) {
        boolean awaiting() {
            return status.equals("AWAITING_ACTION");
        }

        Hook ended(String outcome) {
            return new Hook(id, stage, expiresAt, timeoutAction, outcome);
        }
    }

    /** One service deployment: its revisions, where it is, and its last hook. */
    private static final class Deployment {
        private final String arn;
        private final String serviceArn;
        private final String clusterArn;
        private final Revision source;
        private final Revision target;
        private final List<Move> moves;
        private final String blueGroup;
        private final String greenGroup;
        private final String rule;
        private final Instant createdAt = Instant.now();
        private Service service;
        private int next;
        private String status = "IN_PROGRESS";
        private String statusReason;
        private String stage = "PRE_SCALE_UP";
        private double weight;
        private Hook hook;
        private boolean rollbackRequested;
        private Instant bakeUntil;
        private Instant updatedAt = createdAt;
        private Instant finishedAt;

        Deployment(String arn, Service service, Revision source, Revision target, List<Move> moves, String blueGroup,
                String greenGroup, String rule) {
            this.arn = arn;
            this.serviceArn = service.serviceArn();
            this.clusterArn = service.clusterArn();
            this.service = service;
            this.source = source;
            this.target = target;
            this.moves = moves;
            this.blueGroup = blueGroup;
            this.greenGroup = greenGroup;
            this.rule = rule;
        }

        boolean finished() {
            return finishedAt != null;
        }

        void touch() {
            updatedAt = Instant.now();
        }

        void finish(String outcome, String reason) {
            status = outcome;
            statusReason = reason;
            stage = outcome.equals("SUCCESSFUL") ? "CLEAN_UP" : stage;
            finishedAt = Instant.now();
            updatedAt = finishedAt;
        }

        ObjectNode json() {
            ObjectNode json = JSON.createObjectNode().put("serviceDeploymentArn", arn).put("serviceArn", serviceArn)
                    .put("clusterArn", clusterArn).put("createdAt", seconds(createdAt))
                    .put("startedAt", seconds(createdAt)).put("updatedAt", seconds(updatedAt))
                    .put("status", status).put("lifecycleStage", stage);
            Optional.ofNullable(statusReason).ifPresent(reason -> json.put("statusReason", reason));
            Optional.ofNullable(finishedAt).ifPresent(at -> json.put("finishedAt", seconds(at)));
            json.putArray("sourceServiceRevisions").add(summary(source, 100 - weight));
            json.set("targetServiceRevision", summary(target, weight));
            ArrayNode hooks = json.putArray("lifecycleHookDetails");
            Optional.ofNullable(hook).ifPresent(last -> hooks.addObject().put("hookId", last.id)
                    .put("targetType", "PAUSE").put("status", last.status)
                    .put("expiresAt", seconds(last.expiresAt)).put("timeoutAction", last.timeoutAction));
            return json;
        }

        private ObjectNode summary(Revision revision, double productionWeight) {
            return JSON.createObjectNode().put("arn", revision.arn)
                    .put("requestedTaskCount", service.desiredCount())
                    .put("requestedProductionTrafficWeight", productionWeight);
        }

        ObjectNode brief() {
            ObjectNode json = JSON.createObjectNode().put("serviceDeploymentArn", arn).put("serviceArn", serviceArn)
                    .put("clusterArn", clusterArn).put("createdAt", seconds(createdAt))
                    .put("startedAt", seconds(createdAt)).put("targetServiceRevisionArn", target.arn)
                    .put("status", status);
            Optional.ofNullable(statusReason).ifPresent(reason -> json.put("statusReason", reason));
            Optional.ofNullable(finishedAt).ifPresent(at -> json.put("finishedAt", seconds(at)));
            return json;
        }
    }
}
