package io.meshcanary.cli;

import io.meshcanary.aws.AwsClients;
import io.meshcanary.aws.DynamoRolloutStore;
import io.meshcanary.aws.EcsServiceDeployments;
import io.meshcanary.aws.Routers;
import io.meshcanary.aws.SsmSpecStore;
import io.meshcanary.aws.StepFunctionsWorkflows;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.rollout.DeploymentTrigger;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.Mode;
import java.util.List;
import java.util.Optional;

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
