package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.cli.Run;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.AlbTraffic;
import io.meshcanary.local.demo.DemoTraffic;
import io.meshcanary.local.demo.Router;
import io.meshcanary.local.demo.TargetGroupRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupSummary;

/**
 * A judge's equal baseline in real rollouts behind an ALB rule: {@code <app>-baseline} runs the primary's revision at
 * the canary's task count on a target group of its own, the rule weighs it like the canary out of the primary's share,
 * the judge reads the canary against it, and however the rollout ends nothing of it is left.
 *
 * <p>The twin's own tasks answer 30% faster than new tasks of the same revision (warm caches, long-lived
 * connections): the bias Kayenta's advice of an equal baseline is about. Against the primary, a canary as fast as a
 * fresh task of the old revision would look slower.
 */
@Order(3) // among the longest classes: started early (junit-platform.properties)
class JudgeBaselineEmulatorTest {

    /** Long enough that a step's window holds the judge's minSamples of one-second datapoints on the canary. */
    private static final int INTERVAL_SECONDS = 12;
    private static final double WARM_PRIMARY = 0.7;

    @Test
    void aCanaryAsFastAsItsBaselineIsPromotedAndTheBaselineIsGoneAfterwards() {
        CanaryApp app = new CanaryApp(Router.ALB);
        String v1 = app.bootstrap(judgedSpec(app));
        AlbRule rule = rule(app);

        JsonNode rollout = releaseUnderTraffic(app, 1.0, "SUCCEEDED", v2 -> {
            Service running = app.service(app.app + "-baseline").orElseThrow();
            assertThat(running.taskDefinition()).as("the primary's revision").isEqualTo(v1);
            assertThat(running.desiredCount()).as("the canary's task count")
                    .isEqualTo(app.service(app.app).orElseThrow().desiredCount());
            assertThat(running.loadBalancers()).singleElement().satisfies(balancer -> assertThat(
                    balancer.targetGroupArn()).isEqualTo(rule.baselineTargetGroup().orElseThrow()));
        });

        // A busy machine may leave a round short of samples (inconclusive); none may fail, and those with data pass.
        List<JsonNode> classified = judgedRounds(rollout).stream()
                .filter(judged -> !judged.path("outcome").asText().equals("inconclusive")).toList();
        assertThat(classified).isNotEmpty().allSatisfy(judged -> {
            assertThat(judged.path("outcome").asText()).isEqualTo("pass");
            JsonNode latency = judged.path("metrics").get(0);
            assertThat(latency.path("classification").asText()).isEqualTo("Pass");
            assertThat(latency.path("baselineCount").asInt()).isGreaterThanOrEqualTo(8);
            // Within JudgeRolloutEmulatorTest's band (a factor 1.16 either way), well clear of the primary's
            // 1 / 1.3 = 0.77.
            assertThat(latency.path("ratio").asDouble()).as("against the baseline, not the warm primary")
                    .isBetween(0.86, 1.16);
        });
        assertNothingLeftOf(app, rule);
    }

    @Test
    void aCanaryThirtyPercentSlowerThanItsBaselineIsRolledBackAndTheBaselineIsGone() {
        CanaryApp app = new CanaryApp(Router.ALB);
        app.bootstrap(judgedSpec(app));

        JsonNode rollout = releaseUnderTraffic(app, 1.3, "FAILED", v2 -> { });

        assertThat(rollout.path("reason").asText()).contains("failed (judge)").contains("latency High (ratio 1.");
        assertThat(lastJudged(rollout).path("metrics").get(0).path("ratio").asDouble()).isBetween(1.12, 1.51);
        assertNothingLeftOf(app, rule(app));
    }

    @Test
    void anOperatorsAbortLeavesNothingOfTheBaseline() {
        CanaryApp app = new CanaryApp(Router.ALB);
        app.bootstrap(judgedSpec(app));

        JsonNode rollout = releaseUnderTraffic(app, 1.0, "FAILED", v2 -> {
            Run abort = Run.cli("abort", app.app, "--reason", "not today");
            assertThat(abort.exitCode()).as(abort.err()).isZero();
        });

        assertThat(rollout.path("reason").asText()).contains("not today");
        assertNothingLeftOf(app, rule(app));
    }

    @Test
    void theAlarmFastPathTakesTheBaselinesWeightAtOnceAndTheRollbackRemovesIt() {
        CanaryApp app = new CanaryApp(Router.ALB);
        app.bootstrap(judgedSpec(app));
        app.reportErrorRate(0.2);
        AlbRule rule = rule(app);

        JsonNode rollout = releaseUnderTraffic(app, 1.0, "FAILED", v2 -> {
            String baseline = rule.baselineTargetGroup().orElseThrow();
            app.shop.fireAlarm(SampleEvents.repositoryRoot().resolve("events"), "5xx above threshold");
            app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2)
                    && record.path("phase").asText().equals("ABORTED"), "ABORTED");
            assertThat(rule.appWeights().getOrDefault(baseline, 0)).as("the guard's own revert").isZero();
            assertThat(rule.appWeights()).containsEntry(rule.targetGroup, 0)
                    .containsEntry(rule.primaryTargetGroup().orElseThrow(), 900);
        });

        assertThat(rollout.path("reason").asText()).contains(app.alarm);
        assertNothingLeftOf(app, rule);
    }

    /**
     * A newer deployment supersedes the rollout while its baseline serves; the team has meanwhile switched its judge
     * back to the primary, so the newer rollout removes the baseline before its canary takes weight.
     */
    @Test
    void aNewerRolloutWithoutAnEqualBaselineRemovesTheOneASupersededRolloutLeft() {
        CanaryApp app = new CanaryApp(Router.ALB);
        app.bootstrap(judgedSpec(app));
        AlbRule rule = rule(app);
        String v2 = app.registerRevision("orders:2");
        String v3 = app.registerRevision("orders:3");
        ObjectNode againstThePrimary = firstStepOnly(judgedSpec(app));
        ((ObjectNode) againstThePrimary.at("/analysis/judge")).put("baseline", "primary");

        // Every group answers alike: the newer rollout's judge compares against the primary.
        try (DemoTraffic traffic = new AlbTraffic(app.shop, rule).following(rule,
                AlbTraffic.canarySlowedBy(rule, () -> 1.0))) {
            app.deploy(v2);
            app.awaitStep(v2, 1);
            assertThat(rule.appWeights()).containsEntry(rule.baselineTargetGroup().orElseThrow(), 180);
            app.onboard(againstThePrimary);
            app.deploy(v3);
            app.awaitStep(v3, 1);
            assertThat(rule.baselineTargetGroup()).as("off the rule before the newer canary's first step").isEmpty();
            assertThat(app.service(app.app + "-baseline")).isEmpty();
            app.awaitRollout(v3, "SUCCEEDED");
        }

        assertNothingLeftOf(app, rule);
    }

    /**
     * A team deploys again as soon as a judged rollout is promoted. ECS keeps the first rollout's deleted baseline
     * DRAINING until its tasks have stopped (a deregistration delay after it left its group), and refuses to create a
     * service of that name meanwhile; the second rollout's baseline comes up once the name is free, within the canary's
     * capacity wait, and runs the revision the first promoted.
     */
    @Test
    void aSecondJudgedRolloutRightAfterThePromotionOfTheFirstGetsItsBaselineOnceTheFirstHasDrained() {
        CanaryApp app = new CanaryApp(Router.ALB);
        app.bootstrap(firstStepOnly(judgedSpec(app)));
        AlbRule rule = rule(app);
        String v2 = app.registerRevision("orders:2");
        String v3 = app.registerRevision("orders:3");

        try (DemoTraffic traffic = new AlbTraffic(app.shop, rule).following(rule, answers(rule, 1.0))) {
            app.deploy(v2);
            app.awaitRollout(v2, "SUCCEEDED");
            app.deploy(v3);
            app.awaitStep(v3, 1);
            assertThat(app.service(app.app + "-baseline").orElseThrow().taskDefinition())
                    .as("the primary's revision: the one the first rollout promoted").isEqualTo(v2);
            assertThat(rule.appWeights()).containsEntry(rule.targetGroup, 180)
                    .containsEntry(rule.baselineTargetGroup().orElseThrow(), 180)
                    .containsEntry(rule.primaryTargetGroup().orElseThrow(), 540);
            app.awaitRollout(v3, "SUCCEEDED");
        }

        assertNothingLeftOf(app, rule);
    }

    /**
     * Behind a VPC Lattice rule the baseline gets a third target group the same way. No traffic reports Lattice's
     * metrics here, so the judge runs in dry run: what is shown is the baseline's life, not a verdict.
     */
    @Test
    void behindALatticeRuleTheBaselineGetsAThirdTargetGroupAndNothingIsLeftAfterPromotion() {
        CanaryApp app = new CanaryApp(Router.VPC_LATTICE);
        ObjectNode spec = firstStepOnly(judgedSpec(app));
        ObjectNode judge = ((ObjectNode) spec.at("/analysis/judge")).put("dryRun", true);
        ((ObjectNode) judge.at("/metrics/0/queries/0/metric")).put("namespace", "AWS/VpcLattice")
                .put("metricName", "RequestTime").putObject("dimensions").put("TargetGroup", "{{targetGroup}}");
        String v1 = app.bootstrap(spec);
        TargetGroupRule rule = (TargetGroupRule) app.router;
        String primary = rule.primaryTargetGroup().orElseThrow();
        String v2 = app.registerRevision("orders:2");

        app.deploy(v2);
        app.awaitStep(v2, 1);
        String baseline = latticeGroupNamed(app.app + "-baseline").orElseThrow();
        assertThat(rule.weights()).as("canary 180, baseline 180, primary 540, and the legacy group's 50")
                .containsEntry(baseline, 180).containsEntry(primary, 540);
        assertThat(rule.weights().values()).containsExactlyInAnyOrder(180, 180, 540, 50);
        assertThat(app.service(app.app + "-baseline").orElseThrow().taskDefinition()).isEqualTo(v1);
        JsonNode rollout = app.awaitRollout(v2, "SUCCEEDED");

        assertThat(judgedRounds(rollout)).isNotEmpty().allSatisfy(judged -> assertThat(judged.path("dryRun")
                .asBoolean()).isTrue());
        assertThat(app.service(app.app + "-baseline")).as("the baseline service").isEmpty();
        assertThat(latticeGroupNamed(app.app + "-baseline")).as("the baseline's group").isEmpty();
        assertThat(rule.weights()).doesNotContainKey(baseline).containsEntry(primary, 900);
        assertThat(rule.weights().values()).containsExactlyInAnyOrder(0, 900, 50);
    }

    private static Optional<String> latticeGroupNamed(String name) {
        return AWS.lattice.listTargetGroupsPaginator(request -> { }).items().stream()
                .filter(group -> group.name().equals(name)).map(TargetGroupSummary::id).findFirst();
    }

    /**
     * Deploys v2 while the users' requests flow through the app's rule (v2 {@code canarySlowdown} times as slow as a
     * fresh task of v1, the twin warm), checks that the first step weighs the baseline like the canary out of the
     * primary's share, lets {@code atFirstStep} act, and waits for the rollout to end in {@code phase}.
     */
    private static JsonNode releaseUnderTraffic(CanaryApp app, double canarySlowdown, String phase,
            Consumer<String> atFirstStep) {
        AlbRule rule = rule(app);
        String v2 = app.registerRevision("orders:2");
        try (DemoTraffic traffic = new AlbTraffic(app.shop, rule).following(rule, answers(rule, canarySlowdown))) {
            app.deploy(v2);
            app.awaitStep(v2, 1);
            assertThat(rule.appWeights())
                    .as("20%% of 900 to the canary, as much to the baseline, the rest to the primary")
                    .containsEntry(rule.targetGroup, 180)
                    .containsEntry(rule.baselineTargetGroup().orElseThrow(), 180)
                    .containsEntry(rule.primaryTargetGroup().orElseThrow(), 540);
            atFirstStep.accept(v2);
            return app.awaitRollout(v2, phase);
        }
    }

    private static AlbRule rule(CanaryApp app) {
        return (AlbRule) app.router;
    }

    /**
     * No baseline service, no baseline group on the rule nor in the account, and the app's traffic back on the
     * primary alone.
     */
    private static void assertNothingLeftOf(CanaryApp app, AlbRule rule) {
        assertThat(app.service(app.app + "-baseline")).as("the baseline service").isEmpty();
        assertThat(rule.baselineTargetGroup()).as("the baseline's group on the rule").isEmpty();
        assertThat(rule.baselineTargetGroupExists()).as("the baseline's group").isFalse();
        assertThat(rule.appWeights()).containsOnly(Map.entry(rule.targetGroup, 0),
                Map.entry(rule.primaryTargetGroup().orElseThrow(), 900));
        assertThat(rule.weightOf(rule.legacyTargetGroup)).isEqualTo(AlbRule.LEGACY_WEIGHT);
    }

    /** The twin's warm tasks answer faster, the baseline as a fresh task of the old revision, the canary slowed. */
    private static Function<String, AlbTraffic.Answers> answers(AlbRule rule, double canarySlowdown) {
        return group -> group.equals(rule.targetGroup) ? AlbTraffic.Answers.HEALTHY.slowerBy(canarySlowdown)
                : group.equals(rule.primaryTargetGroup().orElse("")) ? AlbTraffic.Answers.HEALTHY.slowerBy(WARM_PRIMARY)
                : AlbTraffic.Answers.HEALTHY;
    }

    /** Two steps, no metric checks, and the demo traffic's judge against an equal baseline. */
    private static ObjectNode judgedSpec(CanaryApp app) {
        ObjectNode spec = app.spec();
        spec.put("intervalSeconds", INTERVAL_SECONDS);
        spec.putObject("steps").putArray("weights").add(20).add(50);
        ObjectNode analysis = spec.withObjectProperty("analysis");
        analysis.putArray("metrics");
        analysis.set("judge", AlbTraffic.judge(10, 8).put("baseline", "equal"));
        return spec;
    }

    /**
     * The judged spec with its first step only, where a test is about the baseline's life rather than the judge's
     * verdicts: the first step still holds the weights an interval long, and the rollout ends a step sooner.
     */
    private static ObjectNode firstStepOnly(ObjectNode spec) {
        spec.putObject("steps").putArray("weights").add(20);
        return spec;
    }

    private static List<JsonNode> judgedRounds(JsonNode rollout) {
        return StreamSupport.stream(rollout.path("history").spliterator(), false)
                .map(entry -> entry.path("judge")).filter(JsonNode::isObject).toList();
    }

    private static JsonNode lastJudged(JsonNode rollout) {
        List<JsonNode> rounds = judgedRounds(rollout);
        assertThat(rounds).as("analysis rounds that ran the judge").isNotEmpty();
        return rounds.getLast();
    }
}
