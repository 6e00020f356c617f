package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.demo.Router;
import io.meshcanary.it.AdoptionEmulatorTest.Sample;
import io.meshcanary.local.demo.TargetGroupRule;
import io.meshcanary.rollout.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An app moves off App Mesh by a change of its spec's router and nothing else (README, "Migrating from App Mesh"): the
 * team puts its service behind the new rule's group, changes the spec, and deploys as before. The rule is sampled
 * through the move, so that a moment with weight on a group without healthy targets
 * cannot hide.
 *
 * <p>The rule is sampled through the move, not through the promotion after it: the local ECS simulator stops a
 * service's tasks of the old revision at once when it deploys a new one (real ECS keeps them until the new ones are
 * healthy), so the primary's group is briefly empty while the promotion's last step weight is on it.
 */
@Order(5) // among the longest classes: started early (junit-platform.properties)
class MigrationEmulatorTest {

    private static final Duration SAMPLE_PAUSE = Duration.ofMillis(50);

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Router.class, names = {"ALB", "VPC_LATTICE"})
    void aTwinMadeUnderAppMeshIsAttachedAndServesBeforeItsGroupGetsWeightThenRolloutsRunOnTheNewRouter(Router router)
            throws InterruptedException {
        CanaryApp app = new CanaryApp();
        app.reportErrorRate(0.2);
        ObjectNode spec = app.spec();
        app.bootstrap(spec);
        // A rollout finished on App Mesh: the twin runs a revision it was promoted to, not the one it was made with.
        String released = app.registerRevision("orders:2");
        app.deploy(released);
        app.awaitRollout(released, "SUCCEEDED");
        String meshPrimary = app.service(app.app + "-primary").orElseThrow().taskDefinition();

        TargetGroupRule rule = (TargetGroupRule) router.on(app.shop);
        rule.attachService();
        rule.route(spec);
        app.onboard(spec);
        String moved = app.registerRevision("orders:4");
        String promoted = app.registerRevision("orders:5");
        String rolledBack = app.registerRevision("orders:6");
        String before = app.record().orElseThrow().path("execution").asText();
        List<Sample> samples;
        JsonNode move;
        // Sampled through the move only: see the note on the promotion window in the class comment.
        try (Changes<Sample> watcher = Changes.watch(() -> AdoptionEmulatorTest.ruleSample(rule), SAMPLE_PAUSE)) {
            app.deploy(moved);
            try {
                move = app.awaitRecord(record -> !record.path("execution").asText().equals(before)
                        && Phase.valueOf(record.path("phase").asText()).terminal(), "the next rollout to end");
            } finally {
                samples = watcher.seen();
            }
        }
        assertWeightOnlyWhereServed(samples);
        assertThat(move.path("bootstrap").asBoolean()).as("the move is a bootstrap: %s", move).isTrue();
        assertThat(move.path("phase").asText()).as(move.path("history").toString()).isEqualTo("SUCCEEDED");
        assertThat(move.path("canaryTaskDefinition").asText()).as("a move releases nothing").isEqualTo(meshPrimary);
        app.deploy(promoted);
        app.awaitRollout(promoted, "SUCCEEDED");
        app.reportErrorRate(5.0);
        app.deploy(rolledBack);
        app.awaitRollout(rolledBack, "FAILED");

        String primary = rule.primaryTargetGroup().orElseThrow();
        assertThat(samples).as("the twin's group was on the rule without weight before it served")
                .anySatisfy(sample -> assertThat(sample.weights()).containsEntry(primary, 0));
        assertThat(app.canaryWeight()).isZero();
        assertThat(rule.weights().get(primary)).isPositive();
        assertThat(rule.healthyTargets(primary)).isPositive();
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(promoted);
    }

    /**
     * The team's rule as step 1 left it may weigh groups that nothing serves yet (its own service sits at zero between
     * rollouts, the legacy group has no targets): only weight meshcanary moved is held to the rule.
     */
    private static void assertWeightOnlyWhereServed(List<Sample> samples) {
        Map<String, Integer> asLeft = samples.getFirst().weights();
        assertThat(samples).allSatisfy(sample -> sample.weights().forEach((group, weight) -> {
            if (weight > 0 && !weight.equals(asLeft.get(group))) {
                assertThat(sample.registered().getOrDefault(group, 0))
                        .as("healthy targets of %s while it has weight %d: %s", group, weight, sample).isPositive();
            }
        }));
    }
}
