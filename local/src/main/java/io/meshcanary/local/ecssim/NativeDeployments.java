package io.meshcanary.local.ecssim;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.AdvancedConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.VpcLatticeAdvancedConfiguration;
import software.amazon.awssdk.services.ecs.model.VpcLatticeConfiguration;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.vpclattice.model.RuleAction;

/**
 * STANDS IN FOR AWS: ECS's own deployments of a service whose {@code deploymentConfiguration.strategy} is
 * {@code BLUE_GREEN}, {@code LINEAR} or {@code CANARY}, with their pause lifecycle hooks; moto 5.2.5 has no service
 * deployments, revisions or hooks. Written from the Amazon ECS Developer Guide ("Amazon ECS blue/green deployments",
 * "Amazon ECS linear deployments", "Amazon ECS canary deployments", "Pause hooks for Amazon ECS service deployments",
 * "View service history using Amazon ECS service deployments") and the Amazon ECS API Reference (ServiceDeployment,
 * ServiceRevision, DeploymentLifecycleHookDetail and the calls in {@link ServiceDeploymentApi}).
 *
 * <p>A new task definition makes a service revision and a service deployment: the green revision scales to the
 * service's full desired count (behind a load balancer, in the target group that serves no production traffic: the
 * load balancer's {@code advancedConfiguration.alternateTargetGroupArn}, or its {@code targetGroupArn} when the
 * alternate serves production), and only once all its tasks are healthy does traffic move, one step of the strategy's
 * grid at a time ({@link DeploymentStages}), where the service's network takes it ({@link TrafficShift}). A pause hook
 * stops the deployment at each stage it lists and waits for ContinueServiceDeployment or its timeout action. After the
 * last step and the bake time, the blue tasks stop and, with target groups, the groups swap roles for the next
 * deployment. A rollback puts all traffic back on blue, stops green and returns the service to its source revision.
 *
 * <p>Not stood in for (yet): test traffic ({@code testListenerRule}), Lambda hooks, alarm rollback of these
 * deployments, the deployment events other than the first {@code SERVICE_DEPLOYMENT_IN_PROGRESS},
 * service deployments of rolling updates. A newer task definition stops the deployment in progress ({@code STOPPED})
 * and deploys from the same source revision, its clean-up stopping every older task and its rollback every task but
 * the source's. ECS's minutes (bake times, hook timeouts, the networks' settling waits) last {@link #MINUTE} locally,
 * so that tests do not wait minutes.
 */
final class NativeDeployments {

    /** How long one of ECS's minutes lasts locally: {@code MESHCANARY_ECS_MINUTE} (ISO-8601), one second if unset. */
    static final Duration MINUTE = Optional.ofNullable(System.getenv("MESHCANARY_ECS_MINUTE")).map(Duration::parse)
            .orElse(Duration.ofSeconds(1));
    private static final Set<String> STRATEGIES = Set.of("BLUE_GREEN", "LINEAR", "CANARY");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Fleet fleet;
    private final Map<String, NativeDeployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, ServiceRevision> revisions = new ConcurrentHashMap<>();
    private final ServiceDeploymentApi api;
    /** The service's deployment now in progress or last finished, by service ARN. */
    private final Map<String, NativeDeployment> latest = new ConcurrentHashMap<>();
    /** The target group that serves a service's production traffic, by service ARN, once a deployment swapped it. */
    private final Map<String, String> production = new ConcurrentHashMap<>();

    /** What the stand-in asks of the simulator that runs the service's tasks, and of the load balancers. */
    interface Fleet {
        /** Starts a task of {@code taskDefinition} among the service's running tasks. */
        void run(Service service, String taskDefinition);

        /** Stops one of the service's running tasks. */
        void stop(Service service, Task task);

        boolean healthy(Service service, Task task);

        /** Points the service back at {@code taskDefinition}, as the simulator's own revision (no new deployment). */
        void revert(Service service, String taskDefinition);

        /** Sets an ALB listener rule's action. */
        void forwardRule(String ruleArn, Action forward);

        /** Sets a listener's default action. */
        void forwardListener(String listenerArn, Action forward);

        /** Sets a VPC Lattice listener rule's action. */
        void forwardLattice(String ruleArn, RuleAction forward);

        void put(JsonNode event);

        void wake(Service service, Duration after);
    }

    NativeDeployments(Fleet fleet) {
        this.fleet = fleet;
        this.api = new ServiceDeploymentApi(deployments, revisions, fleet);
    }

    /** Whether ECS runs this service's deployments itself (deployment controller ECS, one of the three strategies). */
    static boolean runsDeploymentsOf(Service service) {
        DeploymentConfiguration configuration = service.deploymentConfiguration();
        boolean ecsController = service.deploymentController() == null
                || "ECS".equals(service.deploymentController().typeAsString());
        // No strategy is ECS's default, ROLLING (API Reference, DeploymentConfiguration.strategy); moto keeps none
        // for a service created with percentages alone.
        return ecsController && configuration != null
                && STRATEGIES.contains(Objects.requireNonNullElse(configuration.strategyAsString(), "ROLLING"));
    }

    /** Whether a deployment of the service is in progress: the simulator then leaves its tasks to this stand-in. */
    boolean inProgress(Service service) {
        NativeDeployment deployment = latest.get(service.serviceArn());
        return deployment != null && !deployment.finished();
    }

    /**
     * Starts the deployment of the service's new task definition from {@code sourceTaskDefinition}, or, while an
     * older deployment is in progress, from that one's source: the revision that last served all production traffic.
     */
    synchronized void start(Service service, String sourceTaskDefinition) {
        ServiceRevision source = Optional.ofNullable(latest.get(service.serviceArn()))
                .filter(older -> !older.finished()).map(older -> older.source)
                .orElseGet(() -> revision(service, sourceTaskDefinition));
        ServiceRevision target = revision(service, service.taskDefinition());
        TrafficShift traffic = TrafficShift.of(service, Optional.ofNullable(production.get(service.serviceArn())));
        NativeDeployment deployment = new NativeDeployment(service.serviceArn().replace(":service/",
                ":service-deployment/") + "/" + id(), service, source, target,
                DeploymentStages.of(service.deploymentConfiguration(), traffic), traffic);
        deployments.put(deployment.arn, deployment);
        Optional.ofNullable(latest.put(service.serviceArn(), deployment)).filter(older -> !older.finished())
                .ifPresent(older -> older.finish("STOPPED", "Superseded by service deployment " + deployment.arn
                        + "."));
    }

    /**
     * The target group a task of the service registers in, for a load balancer or Lattice configuration whose own
     * group is {@code group}: with an alternate group ({@code blueGreen}), green's while its deployment runs, else the
     * one that serves production.
     */
    String targetGroupFor(Service service, String group, boolean blueGreen, Task task) {
        NativeDeployment deployment = latest.get(service.serviceArn());
        if (!blueGreen || deployment == null) {
            return group;
        }
        boolean green = !deployment.finished() && task.taskDefinitionArn().equals(deployment.target.taskDefinition());
        return deployment.traffic.greenGroup().filter(greenGroup -> green)
                .orElseGet(() -> production.getOrDefault(service.serviceArn(), group));
    }

    /**
     * Moves the service's deployment on as far as it can go now; called on the simulator's thread.
     *
     * @param failures how many of the deployment's green tasks have stopped with a failure so far
     */
    synchronized void advance(Service service, List<Task> running, int failures) {
        NativeDeployment deployment = latest.get(service.serviceArn());
        if (deployment == null || deployment.finished()) {
            return;
        }
        deployment.service = service;
        Instant now = Instant.now();
        // The breaker watches blue/green deployments as it watches rolling updates (Developer Guide, "Amazon ECS
        // deployment failure detection"; linear and canary ones are blue/green in traffic steps). Green that never gets
        // healthy never reaches a pause; without the breaker ECS keeps replacing its tasks, as ScaleUp does.
        if (CircuitBreaker.tripped(service, failures)) {
            breakCircuit(deployment, running);
            return;
        }
        if (deployment.rollbackRequested) {
            rollBack(deployment, running, "ROLLBACK_REQUESTED".equals(deployment.status)
                    ? "Service deployment rolled back by StopServiceDeployment."
                    : "Service deployment rolled back at lifecycle hook " + deployment.rollbackHook + ".");
            return;
        }
        for (PauseHook hook : deployment.hooks) {
            if (!hook.awaiting() || !now.isAfter(hook.expiresAt())) {
                continue;
            }
            deployment.end(hook.ended("TIMED_OUT"));
            if (hook.timeoutAction().equals("ROLLBACK")) {
                rollBack(deployment, running, "Lifecycle hook %s timed out; its timeout action is ROLLBACK."
                        .formatted(hook.id()));
                return;
            }
            if (!deployment.awaiting()) {
                deployment.next++;
            }
        }
        while (deployment.next < deployment.stages.size()) {
            if (!deployment.stages.get(deployment.next).apply(fleet, deployment, running, now)) {
                return;
            }
            deployment.next++;
        }
        List.copyOf(running).stream()
                .filter(task -> !task.taskDefinitionArn().equals(deployment.target.taskDefinition()))
                .forEach(task -> fleet.stop(service, task));
        deployment.traffic.greenGroup().ifPresent(green -> production.put(service.serviceArn(), green));
        deployment.finish("SUCCESSFUL", null);
    }

    /**
     * The breaker's failed deployment: with its {@code rollback} on, ECS puts the service back on the source revision;
     * without, the deployment fails and launches no more green tasks, blue still serving.
     */
    private void breakCircuit(NativeDeployment deployment, List<Task> running) {
        if (CircuitBreaker.rollsBack(deployment.service)) {
            rollBack(deployment, running, CircuitBreaker.REASON);
            return;
        }
        List.copyOf(running).stream()
                .filter(task -> task.taskDefinitionArn().equals(deployment.target.taskDefinition()))
                .forEach(task -> fleet.stop(deployment.service, task));
        deployment.finish("FAILED", CircuitBreaker.REASON);
    }

    private void rollBack(NativeDeployment deployment, List<Task> running, String reason) {
        deployment.status = "ROLLBACK_IN_PROGRESS";
        deployment.shift(fleet, 0);
        List.copyOf(running).stream()
                .filter(task -> !task.taskDefinitionArn().equals(deployment.source.taskDefinition()))
                .forEach(task -> fleet.stop(deployment.service, task));
        fleet.revert(deployment.service, deployment.source.taskDefinition());
        deployment.finish("ROLLBACK_SUCCESSFUL", reason);
    }

    synchronized EcsAnswer answer(String operation, JsonNode request) {
        return api.answer(operation, request);
    }

    /**
     * A revision of the service as it is now. Its load balancers and Lattice configurations name their two groups in
     * the roles a deployment from it gives them, the group serving production as {@code targetGroupArn} and the idle
     * one as the alternate, so the guide's rule (blue in the primary group, green in the alternate: "Application Load
     * Balancer resources for blue/green, linear, and canary deployments") holds for every deployment, also after a
     * deployment left production on the alternate. How ECS itself records that swap in a revision is not documented.
     */
    private ServiceRevision revision(Service service, String taskDefinition) {
        Optional<String> serving = Optional.ofNullable(production.get(service.serviceArn()));
        List<LoadBalancer> balancers = service.loadBalancers().stream().map(balancer -> inRoles(balancer, serving))
                .toList();
        List<VpcLatticeConfiguration> lattice = TrafficShift.latticeConfigurations(service).stream()
                .map(configuration -> inRoles(configuration, serving)).toList();
        ServiceRevision revision = new ServiceRevision(service.serviceArn().replace(":service/", ":service-revision/")
                + "/" + id(), service.serviceArn(), service.clusterArn(), taskDefinition, balancers, lattice,
                Instant.now());
        revisions.put(revision.arn(), revision);
        return revision;
    }

    /** The load balancer with its groups swapped when production is on its alternate group. */
    private static LoadBalancer inRoles(LoadBalancer balancer, Optional<String> serving) {
        AdvancedConfiguration advanced = balancer.advancedConfiguration();
        if (advanced == null || !serving.equals(Optional.ofNullable(advanced.alternateTargetGroupArn()))) {
            return balancer;
        }
        return balancer.toBuilder().targetGroupArn(advanced.alternateTargetGroupArn()).advancedConfiguration(
                advanced.toBuilder().alternateTargetGroupArn(balancer.targetGroupArn()).build()).build();
    }

    /** The Lattice configuration with its groups swapped when production is on its alternate group. */
    private static VpcLatticeConfiguration inRoles(VpcLatticeConfiguration configuration, Optional<String> serving) {
        VpcLatticeAdvancedConfiguration advanced = configuration.advancedConfiguration();
        if (advanced == null || !serving.equals(Optional.ofNullable(advanced.alternateTargetGroupArn()))) {
            return configuration;
        }
        return configuration.toBuilder().targetGroupArn(advanced.alternateTargetGroupArn()).advancedConfiguration(
                advanced.toBuilder().alternateTargetGroupArn(configuration.targetGroupArn()).build()).build();
    }

    static String id() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
