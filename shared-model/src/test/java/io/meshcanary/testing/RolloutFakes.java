package io.meshcanary.testing;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.registry.Endpoint;
import io.meshcanary.registry.NodeRegistry;
import io.meshcanary.registry.Registration;
import io.meshcanary.registry.TaskChange;
import io.meshcanary.resync.AlarmCheck;
import io.meshcanary.resync.NativePauseCheck;
import io.meshcanary.resync.OrphanCheck;
import io.meshcanary.resync.RegistrationCheck;
import io.meshcanary.resync.Resync;
import io.meshcanary.resync.ServiceChecks;
import io.meshcanary.resync.StuckRolloutCheck;
import io.meshcanary.resync.WeightCheck;
import io.meshcanary.rollout.AlarmGuard;
import io.meshcanary.rollout.CrashGuard;
import io.meshcanary.rollout.DeploymentGuard;
import io.meshcanary.rollout.DeploymentTrigger;
import io.meshcanary.rollout.NativeRevert;
import io.meshcanary.rollout.RolloutContext;
import io.meshcanary.rollout.RolloutSteps;
import io.meshcanary.rollout.TrafficByMode;
import io.meshcanary.rollout.TwinRoute;
import io.meshcanary.rollout.TwinTraffic;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.CloudMapService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One fake of each port the canary workflow, the deployment trigger and the alarm guard use, wired around app
 * {@code orders} in cluster {@code shop} (the sample events' app) and a clock that moves only when the test moves it.
 */
public final class RolloutFakes {

    public static final String CLUSTER = "shop";
    public static final String APP = "orders";
    public static final String PRIMARY_SERVICE = "orders-primary";
    public static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/shop";
    public static final String TASK_ARN_PREFIX = "arn:aws:ecs:us-east-1:123456789012:task/shop/";
    private static final String TASK_DEFINITION_PREFIX = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:";
    public static final String TASK_DEFINITION_6 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:6";
    public static final String TASK_DEFINITION_7 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7";
    public static final String TASK_DEFINITION_8 = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:8";
    /** Where the example spec's tasks register. */
    public static final CloudMapService CLOUD_MAP = new CloudMapService("shop.local", "orders");
    /** A second after the sample deployment event. */
    public static final Instant START = Instant.parse("2026-11-20T10:14:23Z");

    /** What the fakes had done at one moment; two equal footprints mean nothing was touched in between. */
    public record Footprint(int recordWrites, int routerWrites, int ecsCalls, int directoryWrites,
            int virtualNodesCreated, int metricReads, int gateAsks, int executionsStarted, int executionsStopped,
            int tokensApproved, int tokensRejected, int eventsPublished) {

        /** The footprint with its alarm and metric reads left out: what a reader that writes nothing leaves. */
        public Footprint ignoringMetricReads() {
            return new Footprint(recordWrites, routerWrites, ecsCalls, directoryWrites, virtualNodesCreated, 0,
                    gateAsks, executionsStarted, executionsStopped, tokensApproved, tokensRejected, eventsPublished);
        }
    }

    private final FakeRolloutStore store = new FakeRolloutStore();
    private final FakeEcsServices ecs = new FakeEcsServices();
    private final FakeServiceScaling scaling = new FakeServiceScaling();
    private final FakeDirectory directory = new FakeDirectory();
    private final FakeRouter router = new FakeRouter(directory, ecs);
    private final FakeMesh mesh = new FakeMesh();
    private final FakeMetrics metrics = new FakeMetrics();
    private final FakeGates gates = new FakeGates();
    private final FakeWorkflows workflows = new FakeWorkflows();
    private final FakeServiceDeployments deployments = new FakeServiceDeployments();
    private final FakeSpecStore specs = new FakeSpecStore();
    private final FakeRolloutEvents events = new FakeRolloutEvents();
    private final FakeEcs tasks = new FakeEcs();
    private final TestClock clock = new TestClock(START);
    private int taskIds;

    private RolloutFakes() {
    }

    /** Nothing exists: no service, no route, no spec. */
    public static RolloutFakes empty() {
        return new RolloutFakes();
    }

    /**
     * {@code orders} released before: its twin runs revision 6 on three registered tasks and takes all the traffic.
     * The user has just deployed revision 7 to {@code orders}, which sits at zero tasks since the last promotion.
     */
    public static RolloutFakes ordersReleasedBefore() {
        RolloutFakes fakes = new RolloutFakes();
        fakes.specs.onboard(CLUSTER, APP, SampleSpecs.orders());
        fakes.ecs.given(CLUSTER, APP, TASK_DEFINITION_7, 0).given(CLUSTER, PRIMARY_SERVICE, TASK_DEFINITION_6, 3);
        fakes.mesh.given("shop", "orders-primary").given("shop", "orders-canary");
        fakes.router.given(APP, Weights.ALL_PRIMARY);
        return fakes.tasksRunning(Track.PRIMARY, "6", 3);
    }

    /** {@code orders} onboarded just now: only the user's service exists, on two tasks of revision 7; no twin. */
    public static RolloutFakes ordersNewlyOnboarded() {
        RolloutFakes fakes = new RolloutFakes();
        fakes.specs.onboard(CLUSTER, APP, SampleSpecs.orders());
        fakes.ecs.given(CLUSTER, APP, TASK_DEFINITION_7, 2);
        return fakes;
    }

    /** The workflow's steps over these fakes, on the steppable clock. */
    public RolloutSteps steps() {
        return steps(clock);
    }

    public RolloutSteps steps(Clock fixedOrSteppable) {
        return new RolloutSteps(store, new TwinTraffic(store, router, ecs, scaling, workflows, events, fixedOrSteppable),
                metrics, gates, workflows, events, fixedOrSteppable);
    }

    /** The alarm fast path over the same store, router and workflows as {@link #steps()}. */
    public AlarmGuard alarmGuard() {
        return new AlarmGuard(store, route(), metrics, workflows, events, clock);
    }

    /** The fast path of a failed ECS deployment over the same fakes. */
    public DeploymentGuard deploymentGuard() {
        return new DeploymentGuard(store, route(), workflows, events, clock);
    }

    /** The twin engine's fast path over the same router and ECS. */
    public TwinRoute route() {
        return new TwinRoute(router, ecs);
    }

    public DeploymentTrigger trigger() {
        return new DeploymentTrigger(specs, workflows);
    }

    /** The node registry over the same Cloud Map, mesh and rollouts, with ECS's tasks as {@link #tasks()} says. */
    public NodeRegistry registry() {
        return new NodeRegistry(specs, tasks, new FakeRegistries(directory, mesh),
                new CrashGuard(store, TrafficByMode.revert(route(), new NativeRevert(deployments)), workflows, events,
                        clock));
    }

    /** The resync over every fake, repairing through the same registry, steps and alarm guard as the events do. */
    public Resync resync() {
        ServiceChecks checks = new ServiceChecks(store, new StuckRolloutCheck(workflows, store, steps()),
                new AlarmCheck(metrics, alarmGuard()), new WeightCheck(router, store),
                new NativePauseCheck(deployments, workflows, trigger()),
                new RegistrationCheck(tasks, new FakeRegistries(directory, mesh), registry()));
        return new Resync(specs, store, checks, new OrphanCheck(new FakeRegistries(directory, mesh), ecs), events,
                clock);
    }

    /**
     * The workflow's steps take the rollout of revision 7 to its first weight, 10%, with the example spec; the canary
     * task it waited for runs and is registered.
     */
    public RolloutContext canaryAtTenPercent(String deploymentId, String execution) {
        String spec = SampleSpecs.orders();
        RolloutContext context = new RolloutContext(CLUSTER, APP, execution, CanarySpec.parse(spec));
        RolloutSteps steps = steps();
        steps.initialize(context, deploymentId, spec);
        Instant since = steps.scaleCanary(context);
        tasksRunning(Track.CANARY, "7", context.spec().canary().desiredCount());
        if (!steps.capacityReady(context, Track.CANARY, since)) {
            throw new IllegalStateException("the canary task registered, yet capacity is not ready");
        }
        steps.setWeight(context, 0);
        return context;
    }

    /** {@code count} more tasks of the track run the revision in ECS and are registered in Cloud Map. */
    public RolloutFakes tasksRunning(Track track, String revision, int count) {
        for (int i = 0; i < count; i++) {
            directory.given(CLOUD_MAP, registration(taskRuns(track, revision)));
        }
        return this;
    }

    /** One more task of the track runs the revision in ECS; nothing registered it. */
    public TaskChange taskRuns(Track track, String revision) {
        String taskId = "%s-%s-task-%d".formatted(track.label(), revision, ++taskIds);
        TaskChange task = new TaskChange(TASK_ARN_PREFIX + taskId, CLUSTER_ARN,
                "service:" + new TrackedService(APP, track).serviceName(), TASK_DEFINITION_PREFIX + revision,
                Optional.of("10.0.1." + taskIds), List.of(), Optional.empty(), Optional.empty());
        tasks.runs(task);
        return task;
    }

    /** The registration the node registry makes for {@code task}, one of {@link #taskRuns}. */
    public static Registration registration(TaskChange task) {
        TrackedService service = TrackedService.fromTaskGroup(task.group()).orElseThrow();
        return new Registration(task.taskArn().substring(TASK_ARN_PREFIX.length()),
                new Endpoint(task.eniAddress().orElseThrow(), 8080), service.track(),
                task.taskDefinitionArn().substring(TASK_DEFINITION_PREFIX.length()), CLUSTER, service.serviceName(),
                APP);
    }

    /** Every task of the track on that revision has stopped and is deregistered. */
    public RolloutFakes tasksStopped(Track track, String revision) {
        directory.list(CLOUD_MAP).stream()
                .filter(registration -> registration.track() == track && registration.revision().equals(revision))
                .forEach(registration -> {
                    directory.deregister(CLOUD_MAP, registration.instanceId());
                    tasks.stopped(TASK_ARN_PREFIX + registration.instanceId());
                });
        return this;
    }

    public Footprint footprint() {
        return new Footprint(store.writes().size(), router.writes(), ecs.calls().size(), directory.writes(),
                mesh.created().size(), metrics.reads(), gates.asked().size(), workflows.started().size(),
                workflows.stopped().size(), workflows.approved().size(), workflows.rejected().size(),
                events.published().size());
    }

    public FakeRolloutStore store() {
        return store;
    }

    public FakeRouter router() {
        return router;
    }

    public FakeServiceScaling scaling() {
        return scaling;
    }

    public FakeEcsServices ecs() {
        return ecs;
    }

    public FakeDirectory directory() {
        return directory;
    }

    public FakeMesh mesh() {
        return mesh;
    }

    public FakeMetrics metrics() {
        return metrics;
    }

    public FakeGates gates() {
        return gates;
    }

    public FakeServiceDeployments deployments() {
        return deployments;
    }

    public FakeWorkflows workflows() {
        return workflows;
    }

    public FakeRolloutEvents events() {
        return events;
    }

    /** ECS's tasks as the node registry and the resync read them. */
    public FakeEcs tasks() {
        return tasks;
    }

    public FakeSpecStore specs() {
        return specs;
    }

    public TestClock clock() {
        return clock;
    }
}
