package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.it.CanaryWorkflow.Outcome;
import io.meshcanary.local.demo.Router;
import io.meshcanary.local.demo.TargetGroupRule;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.appmesh.model.RouteSpec;
import software.amazon.awssdk.services.appmesh.model.WeightedTarget;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Onboarding a team's existing App Mesh route, as teams have it: all traffic to their own virtual node. The route is
 * sampled through the whole bootstrap, so that a moment with traffic on a node without instances cannot hide.
 */
class AdoptionEmulatorTest {

    private static final Duration SAMPLE_PAUSE = Duration.ofMillis(50);
    private static final int TEAM_PORT = 8080;

    @Test
    void theTeamsNodeKeepsTheTrafficUntilThePrimaryHasRegisteredInstancesThenThePrimaryTakesItAll()
            throws InterruptedException {
        CanaryApp app = new CanaryApp();
        app.shop.routeToTeamNode(TEAM_PORT);
        List<Sample> samples;
        try (Changes<Sample> watcher = Changes.watch(() -> routeSample(app), SAMPLE_PAUSE)) {
            app.bootstrap(app.spec());
            samples = watcher.seen();
        }

        // The team's own node finds the tasks ECS registers for the team (its service registries): only the tracks'
        // nodes depend on meshcanary's registrations.
        assertThat(samples).isNotEmpty().allSatisfy(sample -> sample.weights().forEach((node, weight) -> {
            if (weight > 0 && !node.equals(app.app)) {
                assertThat(sample.registered().getOrDefault(node, 0))
                        .as("instances of %s while it has weight %d: %s", node, weight, sample).isPositive();
            }
        }));
        assertThat(samples).as("the bootstrap was seen before the primary took over").anySatisfy(sample ->
                assertThat(sample.weights()).containsEntry(app.app, 100).containsEntry(app.app + "-primary", 0));
        assertThat(app.route().httpRoute().action().weightedTargets())
                .extracting(WeightedTarget::virtualNode, WeightedTarget::weight, WeightedTarget::port)
                .containsExactlyInAnyOrder(tuple(app.app + "-primary", 100, TEAM_PORT),
                        tuple(app.app + "-canary", 0, TEAM_PORT));
        JsonNode team = app.record().orElseThrow().path("teamTargets");
        assertThat(team).singleElement().satisfies(target -> {
            assertThat(target.path("name").asText()).isEqualTo(app.app);
            assertThat(target.path("weight").asInt()).isEqualTo(100);
            assertThat(target.path("port").asInt()).isEqualTo(TEAM_PORT);
        });
    }

    /**
     * The twin's names and idempotency tokens derive from the app's name, and AWS caps the tokens (ECS CreateService
     * and App Mesh CreateVirtualNode at 36 characters, VPC Lattice CreateTargetGroup at 64), which the local runtime
     * enforces: a 60-character app, within the 63 a Lattice listener or rule name allows, still bootstraps.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Router.class, names = {"APP_MESH", "VPC_LATTICE"})
    void anAppWithALongNameBootstrapsWithTokensWithinAwsLimits(Router router) {
        CanaryApp app = new CanaryApp(router, "-fulfilment-eu-central-1-warehouse-orders-api");

        app.bootstrap(app.spec());

        assertThat(app.app).hasSize(60);
        assertThat(app.service(app.app + "-primary")).hasValueSatisfying(twin -> {
            assertThat(twin.status()).isEqualTo("ACTIVE");
            assertThat(twin.desiredCount()).isPositive();
        });
        assertThat(app.canaryWeight()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Router.class, names = {"ALB", "VPC_LATTICE"})
    void behindATargetGroupRuleThePrimarysGroupGetsWeightOnlyOnceItsTargetsAreHealthy(Router router)
            throws InterruptedException {
        CanaryApp app = new CanaryApp(router);
        TargetGroupRule rule = (TargetGroupRule) app.router;
        List<Sample> samples;
        try (Changes<Sample> watcher = Changes.watch(() -> ruleSample(rule), SAMPLE_PAUSE)) {
            app.bootstrap(app.spec());
            samples = watcher.seen();
        }

        String primary = rule.primaryTargetGroup().orElseThrow();
        assertThat(samples).isNotEmpty().allSatisfy(sample -> {
            if (sample.weights().getOrDefault(primary, 0) > 0) {
                assertThat(sample.registered().getOrDefault(primary, 0))
                        .as("healthy targets of the primary's group while it has weight: %s", sample).isPositive();
            }
        });
        assertThat(samples).as("the bootstrap was seen before the primary took over")
                .anySatisfy(sample -> assertThat(sample.weights()).containsEntry(primary, 0));
        assertThat(app.canaryWeight()).isZero();
        assertThat(rule.weights().get(primary)).isPositive();
    }

    @Test
    void aSpecNamingAMissingRouteFailsNamingTheFieldAndCreatesNothing() {
        CanaryApp app = new CanaryApp();
        app.shop.routeToTeamNode(TEAM_PORT);
        ObjectNode spec = app.spec();
        ((ObjectNode) spec.get("router")).put("route", "no-such-route");

        Outcome outcome = bootstrapByHand(app, spec, "missing");

        assertThat(outcome.error()).isEqualTo("InvalidCanarySpec");
        assertThat(outcome.cause()).contains("router.route", "has no route no-such-route");
        assertNothingCreated(app);
    }

    @Test
    void aRouteThatServesAnotherAppFailsNamingTheFieldAndCreatesNothing() {
        CanaryApp app = new CanaryApp();
        app.shop.routeToTeamNode(TEAM_PORT);
        String other = "payments-" + app.id;
        AWS.appMesh.createVirtualNode(request -> request.meshName(app.mesh).virtualNodeName(other).spec(node -> node
                .listeners(listener -> listener.portMapping(mapping -> mapping.port(8080).protocol("http")))
                .serviceDiscovery(discovery -> discovery.dns(dns -> dns.hostname("payments.local")))));
        RouteSpec theirs = app.route().toBuilder().priority(8).httpRoute(route -> route
                .match(match -> match.prefix("/payments"))
                .action(action -> action.weightedTargets(target -> target.virtualNode(other).weight(100)))).build();
        AWS.appMesh.createRoute(request -> request.meshName(app.mesh).virtualRouterName(app.app)
                .routeName("payments").spec(theirs));
        ObjectNode spec = app.spec();
        ((ObjectNode) spec.get("router")).put("route", "payments");

        Outcome outcome = bootstrapByHand(app, spec, "other-app");

        assertThat(outcome.error()).isEqualTo("InvalidCanarySpec");
        assertThat(outcome.cause()).contains("router.route", "sends no traffic to a virtual node of " + app.app);
        assertNothingCreated(app);
        assertThat(AWS.appMesh.describeRoute(request -> request.meshName(app.mesh).virtualRouterName(app.app)
                .routeName("payments")).route().spec()).isEqualTo(theirs);
    }

    /** The app's service exists, not onboarded; an operator starts its first rollout with the spec inline. */
    private static Outcome bootstrapByHand(CanaryApp app, ObjectNode spec, String name) {
        app.createService(app.registerRevision("orders:1"));
        String execution = "adopt-%s-%s".formatted(name, app.id);
        ObjectNode input = SampleEvents.JSON.createObjectNode().put("cluster", app.cluster).put("service", app.app);
        input.set("spec", spec);
        CanaryWorkflow.start(execution, input.toString());
        Outcome outcome = CanaryWorkflow.awaitOutcome(execution);
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        return outcome;
    }

    private static void assertNothingCreated(CanaryApp app) {
        assertThat(app.service(app.app + "-primary")).isEmpty();
        assertThat(app.virtualNodes()).doesNotContain(app.app + "-primary", app.app + "-canary");
        assertThat(app.route().httpRoute().action().weightedTargets())
                .extracting(WeightedTarget::virtualNode, WeightedTarget::weight)
                .containsExactly(tuple(app.app, 100));
        assertThat(app.record()).isEmpty();
    }

    /** The route is read first: an instance registered after it was read can only make the sample kinder. */
    private static Sample routeSample(CanaryApp app) {
        Map<String, Integer> weights = new HashMap<>();
        app.route().httpRoute().action().weightedTargets()
                .forEach(target -> weights.put(target.virtualNode(), target.weight()));
        Map<String, Integer> registered = new HashMap<>();
        app.instances().values()
                .forEach(attributes -> registered.merge(app.app + "-" + attributes.get("track"), 1, Integer::sum));
        return new Sample(weights, registered);
    }

    /** Also the migration's probe ({@link MigrationEmulatorTest}). */
    static Sample ruleSample(TargetGroupRule rule) {
        Map<String, Integer> weights = rule.weights();
        Map<String, Integer> healthy = new HashMap<>();
        weights.keySet().forEach(group -> healthy.put(group, rule.healthyTargets(group)));
        return new Sample(weights, healthy);
    }

    /**
     * The weight per virtual node or target group, and what serves each: the instances meshcanary registered for a
     * track's node, the healthy targets of a target group.
     */
    record Sample(Map<String, Integer> weights, Map<String, Integer> registered) {
    }
}
