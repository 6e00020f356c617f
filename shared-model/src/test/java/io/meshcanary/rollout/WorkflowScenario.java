package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.model.Track;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The canary workflow's steps, called in the order the state machine calls them, against fakes of every port; each
 * use case's test tells its part of the story from here.
 * Unless a test says otherwise, {@code orders} was released before (its twin runs revision 6) and the user has just
 * deployed revision 7; the example spec steps through 10, 20 and 50% and rolls back after two failed checks.
 */
abstract class WorkflowScenario {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEPLOYMENT = "ecs-svc/4719802350938163742";
    static final String EXECUTION = "shop-orders-4719802350938163742";
    static final String NEWER_DEPLOYMENT = "ecs-svc/5820913461049274853";
    static final String NEWER_EXECUTION = "shop-orders-5820913461049274853";
    static final String SERVICE = "shop/orders";
    static final String ALARM = "orders-5xx";
    static final String ERROR_RATE = "error-rate";
    static final String GATE_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:change-freeze";
    static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAcmIfQ==";
    static final int INTERVAL = 60;

    /** The team's own virtual node, all of whose traffic the route sends it before onboarding. */
    static final RouteTarget TEAM = new RouteTarget("orders", 100, 8080);

    final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    final RolloutSteps steps = fakes.steps();

    @BeforeEach
    void canaryIsHealthy() {
        fakes.metrics().datapoints(ERROR_RATE, 0.2, 0.1, 0.3);
    }

    /**
     * The rollback ended the rollout for {@code reason} with all traffic on the primary, and left the canary, the
     * only tasks that may serve, running; the record's history and the event say why.
     */
    void assertCanaryKept(String reason, String why) {
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).as("the canary's tasks").isEqualTo(1);
        assertThat(fakes.scaling().calls()).as("the canary's scaling").doesNotContain("hold shop/orders");
        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).isEqualTo(reason);
        assertThat(failed.history()).extracting(HistoryEntry::note)
                .contains("all traffic on the primary; the canary keeps its tasks: " + why);
        assertThat(fakes.events().published()).last().satisfies(event -> {
            assertThat(event.type()).isEqualTo(RolloutEvent.ROLLED_BACK);
            assertThat(event.reason()).isEqualTo(reason + "; the canary keeps its tasks: " + why);
        });
    }

    /** The rollout with a manual pre-step gate is at 10% and its analysis passed: the workflow goes to the gate. */
    RolloutContext atAManualPreStepGate() {
        RolloutContext context = canaryUp(SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "manual")));
        steps.setWeight(context, 0);
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.Next.CONTINUE);
        return context;
    }

    /** Initialize, scale the canary and see its task register, as the workflow does before the first weight. */
    RolloutContext canaryUp(String specJson) {
        RolloutContext context = context(EXECUTION, specJson);
        steps.initialize(context, DEPLOYMENT, specJson);
        canaryRegisters(context);
        return context;
    }

    void canaryRegisters(RolloutContext context) {
        Instant since = steps.scaleCanary(context);
        fakes.tasksRunning(Track.CANARY, "7", context.spec().canary().desiredCount());
        assertThat(steps.capacityReady(context, Track.CANARY, since)).isTrue();
    }

    /** Every weight step of the spec, each with a passing analysis; the last one says promote. */
    void passAllSteps(RolloutContext context) {
        List<Integer> weights = context.spec().steps();
        for (int done = 0; done < weights.size(); done++) {
            steps.setWeight(context, done);
            Decision.Next expected = done + 1 < weights.size() ? Decision.Next.CONTINUE : Decision.Next.PROMOTE;
            assertThat(analyzeAfterInterval(context).next()).isEqualTo(expected);
        }
    }

    Decision analyzeAfterInterval(RolloutContext context) {
        fakes.clock().advanceSeconds(INTERVAL);
        return steps.analyze(context);
    }

    /** The twin is up and has taken the team's traffic over. */
    static void bootstrapped(RolloutFakes onboarded, RolloutSteps steps) {
        RolloutContext bootstrap = context(EXECUTION, SampleSpecs.orders());
        steps.initialize(bootstrap, DEPLOYMENT, SampleSpecs.orders());
        onboarded.tasksRunning(Track.PRIMARY, "7", 2);
        steps.finish(bootstrap);
    }

    static RolloutContext context(String execution, String specJson) {
        return new RolloutContext(CLUSTER, APP, execution, CanarySpec.parse(specJson));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A step of the workflow, called by an execution that may no longer own the rollout. */
    @FunctionalInterface
    interface StaleStep {
        void run(RolloutSteps steps, RolloutContext stale);
    }

    static Arguments step(String name, StaleStep step) {
        return Arguments.of(named(name, step));
    }

    static Arguments command(String name, Consumer<RolloutSteps> command) {
        return Arguments.of(named(name, command));
    }
}
