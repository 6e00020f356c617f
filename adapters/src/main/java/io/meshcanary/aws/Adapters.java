package io.meshcanary.aws;

import io.meshcanary.port.SpecStore;
import io.meshcanary.registry.NodeRegistry;
import io.meshcanary.resync.AlarmCheck;
import io.meshcanary.resync.OrphanCheck;
import io.meshcanary.resync.RegistrationCheck;
import io.meshcanary.resync.Resync;
import io.meshcanary.resync.StuckRolloutCheck;
import io.meshcanary.resync.WeightCheck;
import io.meshcanary.rollout.AlarmGuard;
import io.meshcanary.rollout.CrashGuard;
import io.meshcanary.rollout.DeploymentTrigger;
import io.meshcanary.rollout.RolloutSteps;
import java.time.Clock;

/**
 * Wires the real adapters to the use cases; each handler's no-arg constructor calls it once per execution
 * environment, and builds only the clients its use case needs.
 */
public final class Adapters {

    private final AwsClients clients;
    private final Config config;
    private final Routers routers;

    private Adapters(Config config) {
        this.config = config;
        this.clients = new AwsClients(config);
        this.routers = Routers.of(clients);
    }

    public static Adapters fromEnvironment() {
        return new Adapters(Config.fromEnv());
    }

    public SpecStore specStore() {
        return new SsmSpecStore(clients.ssm(), config.specParameterPrefix());
    }

    public NodeRegistry nodeRegistry() {
        return new NodeRegistry(specStore(), new EcsTaskReader(clients.ecs(), clients::ec2),
                new CloudMapDirectory(clients.cloudMap()), new AppMeshNodes(clients.appMesh()), crashGuard());
    }

    public DeploymentTrigger deploymentTrigger() {
        return new DeploymentTrigger(specStore(), workflows());
    }

    public RolloutSteps rolloutSteps() {
        return new RolloutSteps(
                new DynamoRolloutStore(clients.dynamo(), config.rolloutTable()),
                routers,
                new EcsServiceControl(clients.ecs()),
                new CloudMapDirectory(clients.cloudMap()),
                new AppMeshNodes(clients.appMesh()),
                new CloudWatchMetrics(clients.cloudWatch()),
                new GateClient(clients.lambda()),
                workflows(),
                rolloutEvents(),
                Clock.systemUTC());
    }

    public AlarmGuard alarmGuard() {
        return new AlarmGuard(new DynamoRolloutStore(clients.dynamo(), config.rolloutTable()),
                routers, workflows(), rolloutEvents(), Clock.systemUTC());
    }

    /** The resync repairs through the same use cases the events drive: registry, rollback, alarm fast path. */
    public Resync resync() {
        DynamoRolloutStore store = new DynamoRolloutStore(clients.dynamo(), config.rolloutTable());
        CloudMapDirectory directory = new CloudMapDirectory(clients.cloudMap());
        AppMeshNodes mesh = new AppMeshNodes(clients.appMesh());
        return new Resync(specStore(), store,
                new StuckRolloutCheck(workflows(), store, rolloutSteps()),
                new AlarmCheck(new CloudWatchMetrics(clients.cloudWatch()), alarmGuard()),
                new WeightCheck(new AppMeshRouterAdapter(clients.appMesh()), store),
                new RegistrationCheck(new EcsTaskReader(clients.ecs(), clients::ec2), directory, nodeRegistry()),
                new OrphanCheck(directory, mesh),
                rolloutEvents(),
                Clock.systemUTC());
    }

    private CrashGuard crashGuard() {
        return new CrashGuard(new DynamoRolloutStore(clients.dynamo(), config.rolloutTable()),
                routers, workflows(), rolloutEvents(), Clock.systemUTC());
    }

    private EventBridgeRolloutEvents rolloutEvents() {
        return new EventBridgeRolloutEvents(clients.eventBridge(), config.eventBusName());
    }

    private StepFunctionsWorkflows workflows() {
        return new StepFunctionsWorkflows(clients.stepFunctions(), config.stateMachineArn());
    }
}
