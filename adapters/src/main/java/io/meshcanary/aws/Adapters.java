package io.meshcanary.aws;

import io.meshcanary.port.GateKeeper;
import io.meshcanary.port.SpecStore;
import io.meshcanary.port.TrafficRevert;
import io.meshcanary.registry.NodeRegistry;
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
import io.meshcanary.rollout.GateDecision;
import io.meshcanary.rollout.NativeRevert;
import io.meshcanary.rollout.NativeTraffic;
import io.meshcanary.rollout.RolloutSteps;
import io.meshcanary.rollout.TrafficByMode;
import io.meshcanary.rollout.TwinRoute;
import io.meshcanary.rollout.TwinTraffic;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.Gate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Wires the real adapters to the use cases; each handler's no-arg constructor calls it once per execution
 * environment. Each adapter is built once, the first time a use case needs it, so a handler builds only the clients
 * its use case calls, and use cases that share an adapter share its caches (Cloud Map ids, known virtual nodes).
 */
public final class Adapters {

    private final Config config;
    private final AwsClients clients;
    private final Lazy<Routers> routers;
    private final Lazy<DynamoRolloutStore> store;
    private final Lazy<EcsTaskReader> tasks;
    private final Lazy<EcsServiceControl> ecsServices;
    private final Lazy<CloudWatchMetrics> metrics;
    private final Lazy<StepFunctionsWorkflows> workflows;
    private final Lazy<EventBridgeRolloutEvents> rolloutEvents;
    /**
     * The crash guard reaches the rollout table, the router, the workflow and the event bus: three or four SDK clients
     * and their models that a task event needs only when a canary task crashed, so the node registry builds it then.
     */
    private final Lazy<CrashGuard> crashGuard;
    /** What the wiring reaches but defers past init; priming builds it, so a restored environment has it warm. */
    private final List<Lazy<?>> deferred = new ArrayList<>();

    Adapters(Config config) {
        this.config = config;
        this.clients = new AwsClients(config);
        this.routers = new Lazy<>(() -> Routers.of(clients));
        this.store = new Lazy<>(() -> new DynamoRolloutStore(clients.dynamo(), config.rolloutTable()));
        this.tasks = new Lazy<>(() -> new EcsTaskReader(clients.ecs(), clients::ec2Instances));
        this.ecsServices = new Lazy<>(() -> new EcsServiceControl(clients.ecs()));
        this.metrics = new Lazy<>(() -> new CloudWatchMetrics(clients.cloudWatch()));
        this.workflows = new Lazy<>(() -> new StepFunctionsWorkflows(clients.stepFunctions(),
                config.stateMachineArn()));
        this.rolloutEvents = new Lazy<>(() -> new EventBridgeRolloutEvents(clients.eventBridge(),
                config.eventBusName()));
        this.crashGuard = new Lazy<>(() -> new CrashGuard(store.get(), guardRevert(), workflows.get(),
                rolloutEvents.get(), Clock.systemUTC()));
    }

    /** The adapters of this execution environment; SnapStart primes what the handler wires from them. */
    public static Adapters fromEnvironment() {
        Adapters adapters = new Adapters(Config.fromEnv());
        Priming.beforeSnapshot(adapters::prime);
        return adapters;
    }

    /**
     * SnapStart priming of every path the wired use cases can take, without an AWS call: compiles the spec schema,
     * builds what is otherwise built on first need (every router's adapter and client, EC2's signer and answer
     * parser behind a bridge task's address), and makes one call per client, answered in this JVM (see
     * {@link AwsClients#prime()}). It runs at the checkpoint, after the handler's constructor has wired its use case,
     * and touches only what that wiring reaches (including what it deferred past init), so it loads no SDK service the
     * function's package lacks unless the function could load it too.
     */
    synchronized void prime() {
        deferred.forEach(Lazy::get);
        CanarySpec.prime();
        routers.ifBuilt(Routers::prime);
        // Not EcsTaskReader::prime: resolving that reference links the reader, which needs ECS, and a deployment
        // trigger, which has no reader, ships no ECS.
        tasks.ifBuilt(reader -> reader.prime());
        clients.prime();
    }

    /** The SDK clients built so far, by service. */
    Set<Class<?>> builtClients() {
        return clients.built();
    }

    /** The SSM path under which webhook gates' header secrets may lie; see {@link Config#gateSecretPrefix}. */
    public String gateSecretPrefix() {
        return config.gateSecretPrefix();
    }

    public SpecStore specStore() {
        return new SsmSpecStore(clients.ssm(), config.specParameterPrefix());
    }

    public synchronized NodeRegistry nodeRegistry() {
        deferred.add(crashGuard);
        return new NodeRegistry(specStore(), tasks.get(), routers.get().registries(), crashGuard);
    }

    public DeploymentTrigger deploymentTrigger() {
        return new DeploymentTrigger(specStore(), workflows.get());
    }

    public RolloutSteps rolloutSteps() {
        return rolloutSteps(new GateClient(clients.lambda(), clients.ssm()));
    }

    private RolloutSteps rolloutSteps(GateKeeper gates) {
        return new RolloutSteps(store.get(), new TrafficByMode(twinTraffic(), nativeTraffic()), metrics.get(), gates,
                workflows.get(),
                rolloutEvents.get(), Clock.systemUTC());
    }

    /**
     * The resync's steps only roll a stuck rollout back, which passes no gate: so the resync builds no Lambda client
     * and its package leaves out the Lambda SDK module (3.4 MB).
     */
    private static GateDecision noGateInResync(Gate gate, String payload) {
        throw new IllegalStateException("the resync only rolls back and asks no gate, yet it asked gate " + gate);
    }

    /** The engine that moves a rollout's traffic: the twin and the spec's router. */
    private TwinTraffic twinTraffic() {
        return new TwinTraffic(store.get(), routers.get(), ecsServices.get(),
                new AutoScalingServiceScaling(clients.autoScaling(), new ScalingAlarmCopies(clients.cloudWatch())),
                workflows.get(), rolloutEvents.get(), Clock.systemUTC());
    }

    /** The engine of a native app: ECS's own deployment, answered at meshcanary's pause. */
    private NativeTraffic nativeTraffic() {
        return new NativeTraffic(store.get(), new EcsServiceDeployments(clients.ecs()), metrics.get(),
                workflows.get(), rolloutEvents.get(), Clock.systemUTC());
    }

    /** The guards' fast path, by the record's mode: the twin's route, or ECS's rollback of a native deployment. */
    private TrafficRevert guardRevert() {
        return TrafficByMode.revert(twinRoute(), new NativeRevert(new EcsServiceDeployments(clients.ecs())));
    }

    /** The fast path alone, for the guards: it needs the router and ECS, never scaling. */
    private TwinRoute twinRoute() {
        return new TwinRoute(routers.get(), ecsServices.get());
    }

    public AlarmGuard alarmGuard() {
        return new AlarmGuard(store.get(), guardRevert(), metrics.get(), workflows.get(), rolloutEvents.get(),
                Clock.systemUTC());
    }

    public DeploymentGuard deploymentGuard() {
        return new DeploymentGuard(store.get(), guardRevert(), workflows.get(), rolloutEvents.get(),
                Clock.systemUTC());
    }

    /** The resync repairs through the same use cases the events drive: registry, rollback, alarm fast path. */
    public Resync resync() {
        ServiceChecks checks = new ServiceChecks(store.get(),
                new StuckRolloutCheck(workflows.get(), store.get(), rolloutSteps(Adapters::noGateInResync)),
                new AlarmCheck(metrics.get(), alarmGuard()),
                new WeightCheck(routers.get(), store.get()),
                new NativePauseCheck(new EcsServiceDeployments(clients.ecs()), workflows.get(), deploymentTrigger()),
                new RegistrationCheck(tasks.get(), routers.get().registries(), nodeRegistry()));
        return new Resync(specStore(), store.get(), checks,
                new OrphanCheck(routers.get().registries(), new EcsServiceControl(clients.ecs())),
                rolloutEvents.get(), Clock.systemUTC());
    }
}
