package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.cli.Run;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.AlbTraffic;
import io.meshcanary.local.demo.DemoTraffic;
import io.meshcanary.local.demo.Router;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The statistical judge in real rollouts behind an ALB rule: the users' requests follow the rule's weights, and the
 * load balancer's TargetResponseTime per target group (one high-resolution datapoint a second, as the demo's traffic
 * reports it) is what the judge reads, the canary's against the twin's own group over the same window.
 */
@Order(2) // among the longest classes: started early (junit-platform.properties)
class JudgeRolloutEmulatorTest {

    /** Long enough that a step's window holds the judge's minSamples of one-second datapoints on the canary. */
    private static final int INTERVAL_SECONDS = 12;

    @Test
    void aCanaryThirtyPercentSlowerThanThePrimaryIsRolledBackWithLatencyNamedHigh() {
        try (EventsQueue queue = new EventsQueue()) {
            CanaryApp app = new CanaryApp(Router.ALB);
            app.bootstrap(judgedSpec(app, false));

            JsonNode rollout = releaseUnderTraffic(app, 1.3, "FAILED");

            assertThat(rollout.path("reason").asText()).contains("failed (judge)").contains("latency High (ratio 1.");
            JsonNode judged = lastJudged(rollout);
            assertThat(judged.path("outcome").asText()).isEqualTo("fail");
            JsonNode latency = judged.path("metrics").get(0);
            assertThat(latency.path("classification").asText()).isEqualTo("High");
            assertThat(latency.path("canaryCount").asInt()).isGreaterThanOrEqualTo(8);
            assertThat(latency.path("baselineCount").asInt()).isGreaterThanOrEqualTo(8);
            // Each second's response time varies log-normally by 10%, shared by every group that second, and by 3%
            // of each group's own (AlbTraffic): over the same seconds the shared part cancels, and with at least 8
            // samples a track the ratio of means lies within a factor exp(3 * 0.03 * sqrt(2 / 8)) = 1.05 of 1.3 in all
            // but about 3 runs in 1,000. The band allows the 1.16 of tracks whose seconds do not match at all.
            assertThat(latency.path("ratio").asDouble()).isBetween(1.12, 1.51);
            assertThat(latency.path("low").asDouble()).as("the shift's interval lies above zero").isPositive();
            assertThat(app.canaryWeight()).isZero();
            List<JsonNode> failed = Eventually.until(() -> queue.received().stream()
                            .filter(event -> event.path("detail").path("execution").asText()
                                    .equals(rollout.path("execution").asText()))
                            .filter(event -> event.path("detail-type").asText().equals("Analysis Failed"))
                            .sorted(Comparator.comparing(event -> event.path("detail").path("at").asText()))
                            .toList(),
                    events -> !events.isEmpty(), "the rollout's Analysis Failed event");
            assertThat(failed.getFirst().path("detail").path("judge").path("metrics").get(0).path("classification")
                    .asText()).isEqualTo("High");
        }
    }

    @Test
    void aCanaryAsFastAsThePrimaryIsPromoted() {
        CanaryApp app = new CanaryApp(Router.ALB);
        app.bootstrap(judgedSpec(app, false));

        JsonNode rollout = releaseUnderTraffic(app, 1.0, "SUCCEEDED");

        assertThat(judgedRounds(rollout)).hasSize(2).allSatisfy(judged -> {
            assertThat(judged.path("outcome").asText()).isEqualTo("pass");
            assertThat(judged.path("metrics").get(0).path("classification").asText()).isEqualTo("Pass");
        });
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition())
                .isEqualTo(rollout.path("canaryTaskDefinition").asText());
    }

    @Test
    void withoutTrafficTheJudgeIsInconclusiveAndNeverPromotes() {
        CanaryApp app = new CanaryApp(Router.ALB);
        // Nothing reports samples here, so a round needs no window's worth of them: short steps, both judged.
        String v1 = app.bootstrap(judgedSpec(app, false).put("intervalSeconds", 2));
        String v2 = app.registerRevision("orders:2");

        app.deploy(v2);
        JsonNode rollout = app.awaitRollout(v2, "FAILED");

        assertThat(judgedRounds(rollout)).isNotEmpty().allSatisfy(judged -> {
            assertThat(judged.path("outcome").asText()).isEqualTo("inconclusive");
            JsonNode latency = judged.path("metrics").get(0);
            assertThat(latency.path("classification").asText()).isEqualTo("NoData");
            assertThat(latency.path("canaryCount").asInt()).isZero();
        });
        assertThat(rollout.path("reason").asText()).contains("inconclusive (judge)").contains("latency NoData");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
    }

    @Test
    void aJudgeInDryRunReportsTheSlowCanaryAndPromotesIt() {
        CanaryApp app = new CanaryApp(Router.ALB);
        ObjectNode spec = judgedSpec(app, true);
        // One judged round, where a single failed check would roll back: what a dry run reports, and that it decides
        // nothing.
        spec.putObject("steps").putArray("weights").add(20);
        spec.withObjectProperty("analysis").put("threshold", 1);
        app.bootstrap(spec);

        JsonNode rollout = releaseUnderTraffic(app, 1.3, "SUCCEEDED");

        assertThat(judgedRounds(rollout)).isNotEmpty().allSatisfy(judged -> {
            assertThat(judged.path("dryRun").asBoolean()).isTrue();
            assertThat(judged.path("outcome").asText()).isEqualTo("fail");
        });
        assertThat(rollout.path("failedChecks").asInt()).isZero();
        assertThat(rollout.path("history").toString()).contains("dry run, would be fail");
    }

    @Test
    void aMarginalScoreWithOnMarginalPauseWaitsForAnOperatorsApproveThenPromotes() {
        CanaryApp app = new CanaryApp(Router.ALB);
        ObjectNode spec = judgedSpec(app, false);
        spec.putObject("steps").putArray("weights").add(50);
        ObjectNode judge = spec.withObjectProperty("analysis").withObjectProperty("judge").put("marginal", 50)
                .put("onMarginal", "pause");
        // At 50% both groups serve the same requests: a metric the slow canary passes, for a score of 50.
        ObjectNode requests = ((ObjectNode) judge.withArray("metrics").get(0)).deepCopy().put("name", "requests");
        ((ObjectNode) requests.at("/queries/0/metric")).put("metricName", "RequestCount").put("stat", "Sum");
        judge.withArray("metrics").add(requests);
        app.bootstrap(spec);
        AlbRule rule = (AlbRule) app.router;
        String v2 = app.registerRevision("orders:2");

        JsonNode rollout;
        try (DemoTraffic traffic = new AlbTraffic(app.shop, rule)
                .following(rule, AlbTraffic.canarySlowedBy(rule, () -> 1.3))) {
            app.deploy(v2);
            JsonNode paused = app.awaitRecord(record -> CanaryApp.isRolloutOf(record, v2)
                    && record.path("approvalToken").isTextual(), "the rollout waiting at the judge's pause");
            assertThat(lastJudged(paused).path("outcome").asText()).isEqualTo("marginal");
            assertThat(app.canaryWeight()).as("the canary keeps its weight while it waits").isEqualTo(50);
            Run approve = Run.cli("approve", app.app);
            assertThat(approve.exitCode()).as(approve.err()).isZero();
            rollout = app.awaitRollout(v2, "SUCCEEDED");
        }

        assertThat(rollout.path("history").toString()).contains("marginal score 50")
                .contains("approved by an operator");
    }

    /**
     * The app's spec with two steps, no metric checks and the judge of the demo's traffic: the canary's mean response
     * time against the primary's, per second over the last 10 s; a rise over 10% counts.
     */
    private static ObjectNode judgedSpec(CanaryApp app, boolean dryRun) {
        ObjectNode spec = app.spec();
        spec.put("intervalSeconds", INTERVAL_SECONDS);
        spec.putObject("steps").putArray("weights").add(20).add(50);
        ObjectNode analysis = spec.withObjectProperty("analysis");
        analysis.putArray("metrics");
        analysis.set("judge", AlbTraffic.judge(10, 8).put("dryRun", dryRun));
        return spec;
    }

    /**
     * Deploys v2 while the users' requests flow through the app's rule, v2 {@code slowdown} times as slow as the
     * primary's revision, and waits for its rollout to end in {@code phase}.
     */
    private static JsonNode releaseUnderTraffic(CanaryApp app, double slowdown, String phase) {
        AlbRule rule = (AlbRule) app.router;
        String v2 = app.registerRevision("orders:2");
        try (DemoTraffic traffic = new AlbTraffic(app.shop, rule)
                .following(rule, AlbTraffic.canarySlowedBy(rule, () -> slowdown))) {
            app.deploy(v2);
            return app.awaitRollout(v2, phase);
        }
    }

    /** What the judge found in each analysis round of the record's history, oldest first. */
    private static List<JsonNode> judgedRounds(JsonNode rollout) {
        return StreamSupport.stream(rollout.path("history").spliterator(), false)
                .map(entry -> entry.path("judge")).filter(judge -> judge.isObject()).toList();
    }

    private static JsonNode lastJudged(JsonNode rollout) {
        List<JsonNode> rounds = judgedRounds(rollout);
        assertThat(rounds).as("analysis rounds that ran the judge").isNotEmpty();
        return rounds.getLast();
    }
}
