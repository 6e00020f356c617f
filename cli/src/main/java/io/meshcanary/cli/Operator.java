package io.meshcanary.cli;

import io.meshcanary.aws.AwsClients;
import io.meshcanary.aws.DynamoRolloutStore;
import io.meshcanary.aws.EcsServiceDeployments;
import io.meshcanary.aws.RoutingException;
import io.meshcanary.aws.Routers;
import io.meshcanary.aws.SsmSpecStore;
import io.meshcanary.aws.StepFunctionsWorkflows;
import io.meshcanary.cli.RolloutView.Reads;
import io.meshcanary.cli.RolloutView.TrackState;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.rollout.DeploymentTrigger;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The stack as an operator sees it, through the same adapters the functions use: the rollout records, the stored
 * specs, the routers (weights are read back from them, never taken from the record) and the workflow.
 */
final class Operator {

    final Stack stack;
    final AwsClients clients;
    final RolloutStore store;
    final SsmSpecStore specs;
    final RouterFactory routers;
    final StepFunctionsWorkflows workflows;

    Operator(Stack stack) {
        this.stack = stack;
        this.clients = new AwsClients(stack.config());
        this.store = new DynamoRolloutStore(clients.dynamo(), stack.rolloutTable());
        this.specs = new SsmSpecStore(clients.ssm(), stack.specParameterPrefix());
        this.routers = Routers.of(clients);
        this.workflows = new StepFunctionsWorkflows(clients.stepFunctions(), stack.stateMachineArn());
    }

    DeploymentTrigger deploymentTrigger() {
        return new DeploymentTrigger(specs, workflows);
    }

    /**
     * The app {@code name} names: {@code <cluster>/<app>}, or an app onboarded in one cluster only.
     *
     * @throws CliException if no onboarded app has that name (no spec, no record), or apps of several clusters do
     */
    App app(String name) {
        int slash = name.indexOf('/');
        if (slash > 0) {
            // An app with a record and no spec any more is still one: offboarded, or its spec deleted (drift).
            App named = new App(name.substring(0, slash), name.substring(slash + 1));
            if (specs.source(named.cluster(), named.name()).isEmpty() && record(named).isEmpty()) {
                throw notOnboarded(name);
            }
            return named;
        }
        List<App> onboarded = onboarded().stream().filter(app -> app.name().equals(name)).toList();
        if (onboarded.isEmpty()) {
            throw notOnboarded(name);
        }
        if (onboarded.size() > 1) {
            throw CliException.badInput("app %s is onboarded in several clusters (%s): name it as <cluster>/%s"
                    .formatted(name, onboarded.stream().map(App::cluster).toList(), name));
        }
        return onboarded.getFirst();
    }

    private CliException notOnboarded(String name) {
        return CliException.badInput("no app %s is onboarded (no spec under %s); `meshcanary status` lists the"
                .formatted(name, stack.specParameterPrefix()) + " onboarded apps, `meshcanary onboard` adds one");
    }

    /** The record of the app's last rollout. @throws CliException if it has had none */
    Rollout lastRollout(App app) {
        return record(app).orElseThrow(() -> CliException.refused("%s has had no rollout yet: the next deployment of"
                .formatted(app.key()) + " its service %s starts one".formatted(app.name())));
    }

    List<App> onboarded() {
        return specs.all().stream().map(spec -> new App(spec.cluster(), spec.app())).sorted().toList();
    }

    Optional<Rollout> record(App app) {
        return store.find(app.key());
    }

    /** The spec in force: the one the app's rollout follows, or the stored one before its first rollout. */
    Optional<CanarySpec> spec(App app, Optional<Rollout> record) {
        return record.map(found -> CanarySpec.parse(found.spec()))
                .or(() -> specs.find(app.cluster(), app.name()));
    }

    /**
     * The tracks' weights, read back from the router the spec names; for a native app, those ECS reports for the
     * service deployment of its last rollout (all on the stable revision before the first).
     */
    Weights routedWeights(App app, CanarySpec spec) {
        if (spec.mode() == Mode.NATIVE) {
            return record(app).flatMap(rollout -> new EcsServiceDeployments(clients.ecs())
                    .describe(rollout.deploymentId())).map(deployment -> Weights.canaryAt(deployment.percent()))
                    .orElse(Weights.ALL_PRIMARY);
        }
        return routers.bind(app.cluster(), app.name(), spec.router()).currentWeights();
    }

    /**
     * What a view of the app's rollout reads beside its record: the weights and the tracks. A router or a service that
     * cannot be read leaves the rest of the view to show, with the reason.
     */
    Reads reads(App app, CanarySpec spec) {
        try {
            return new Reads(routedWeights(app, spec), null, tracks(app, spec));
        } catch (RoutingException | SdkException e) {
            return new Reads(null, e.getMessage(), List.of());
        }
    }

    /**
     * The app's tracks: their services' revision and desired count from one DescribeServices, then the router's count
     * of each track's running tasks and healthy targets (ALB and Lattice: the track's tasks and its target group's
     * health, three or four calls; App Mesh: its Cloud Map registrations). A track whose service does not exist (no
     * twin in the native mode) is left out.
     */
    List<TrackState> tracks(App app, CanarySpec spec) {
        if (spec.mode() == Mode.NATIVE) {
            // ECS's own deployment runs both revisions in the team's service and binds no router: its view is the
            // service deployment's weights and the record's pauses.
            return List.of();
        }
        List<String> names = List.of(Track.values()).stream()
                .map(track -> new TrackedService(app.name(), track).serviceName()).toList();
        Map<String, Service> services = clients.ecs().describeServices(request -> request.cluster(app.cluster())
                .services(names)).services().stream().collect(Collectors.toMap(Service::serviceName,
                Function.identity()));
        TrafficRouter router = routers.bind(app.cluster(), app.name(), spec.router());
        List<TrackState> tracks = new ArrayList<>();
        for (Track track : Track.values()) {
            Service service = services.get(new TrackedService(app.name(), track).serviceName());
            if (service != null) {
                // Running as the router counts a track's capacity, the way a rollout waits for it.
                TrackTasks tasks = router.trackTasks(track);
                tracks.add(new TrackState(track.label(), service.taskDefinition(), service.desiredCount(),
                        tasks.revisions().size(), tasks.healthy()));
            }
        }
        return tracks;
    }

    /** An onboarded app: its cluster, and its own ECS service's name (the canary track). */
    record App(String cluster, String name) implements Comparable<App> {

        String key() {
            return Rollout.key(cluster, name);
        }

        @Override
        public int compareTo(App other) {
            return key().compareTo(other.key());
        }
    }
}
