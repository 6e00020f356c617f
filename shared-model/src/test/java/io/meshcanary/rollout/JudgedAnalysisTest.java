package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.SampleSpecs.ALB_TARGET_GROUP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.testing.FakeMetrics.JudgeRead;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The statistical judge in the analysis after each step: the canary's latency against the primary's over the same
 * window, scored into the round's verdict, and explained in the record and the Analysis Failed event.
 */
class JudgedAnalysisTest extends WorkflowScenario {

    private static final String LATENCY = "latency";

    @Test
    void canaryLatencyThirtyPercentAboveThePrimarysRollsBackNamingTheMetricHigh() {
        fakes.metrics().judgeSeries(LATENCY, latencies(1, 130), latencies(2, 100));
        RolloutContext context = canaryUp(SampleSpecs.ordersWith(root -> {
            addJudge(root, latency -> latency.put("critical", true));
            SampleSpecs.at(root, "analysis").put("threshold", 1);
        }));
        steps.setWeight(context, 0);

        Decision decision = analyzeAfterInterval(context);

        assertThat(decision.next()).isEqualTo(Decision.Next.ROLLBACK);
        assertThat(decision.summary()).contains("1 failed (judge)").contains("latency High (ratio 1.2");
        HistoryEntry analyzed = fakes.store().record(SERVICE).history().getLast();
        assertThat(analyzed.judge()).isNotNull();
        assertThat(analyzed.judge().outcome()).isEqualTo("fail");
        assertThat(analyzed.judge().score()).isZero();
        assertThat(analyzed.judge().metrics()).singleElement().satisfies(metric -> {
            assertThat(metric.name()).isEqualTo(LATENCY);
            assertThat(metric.classification()).isEqualTo("High");
            assertThat(metric.canaryCount()).isEqualTo(30);
            assertThat(metric.baselineCount()).isEqualTo(30);
            assertThat(metric.canaryMedian()).isGreaterThan(metric.baselineMedian());
            assertThat(metric.ratio()).isBetween(1.2, 1.4);
            assertThat(metric.pValue()).isLessThan(0.001);
            assertThat(metric.low()).isPositive();
            assertThat(metric.high()).isGreaterThan(metric.low());
        });
        RolloutEvent failed = fakes.events().published().getLast();
        assertThat(failed.type()).isEqualTo(RolloutEvent.ANALYSIS_FAILED);
        assertThat(failed.judge()).isEqualTo(analyzed.judge());
    }

    @Test
    void theSameDistributionOnBothTracksPassesEveryStepToPromotion() {
        fakes.metrics().judgeSeries(LATENCY, latencies(3, 100), latencies(4, 100));
        RolloutContext context = canaryUp(withJudge(judge -> { }));

        passAllSteps(context);

        assertThat(fakes.store().record(SERVICE).failedChecks()).isZero();
        assertThat(fakes.store().record(SERVICE).history().getLast().judge().outcome()).isEqualTo("pass");
    }

    @Test
    void theBaselineIsThePrimaryTrackOverTheSameWindow() {
        fakes.metrics().judgeSeries(LATENCY, latencies(3, 100), latencies(4, 100));
        RolloutContext context = canaryUp(withJudge(judge -> { }));
        steps.setWeight(context, 0);

        analyzeAfterInterval(context);

        JudgeRead read = fakes.metrics().judgeReads().getFirst();
        assertThat(read.canary()).containsEntry("virtualNode", "orders-canary").containsEntry("service", APP);
        assertThat(read.baseline()).containsEntry("virtualNode", "orders-primary")
                .containsEntry("service", "orders-primary").containsEntry("mesh", "shop");
        assertThat(read.end()).isEqualTo(fakes.clock().instant());
    }

    @Test
    void tooFewSamplesAreInconclusiveNeverAPass() {
        fakes.metrics().judgeSeries(LATENCY, latencies(5, 100).subList(0, 3), latencies(6, 100));
        RolloutContext context = canaryUp(withJudge(judge -> { }));
        steps.setWeight(context, 0);

        Decision first = analyzeAfterInterval(context);
        steps.setWeight(context, 1);
        analyzeAfterInterval(context);

        assertThat(first.next()).isEqualTo(Decision.Next.CONTINUE);
        assertThat(first.summary()).contains("1 inconclusive (judge)").contains("latency NoData (3 canary");
        assertThat(fakes.store().record(SERVICE).failedChecks()).as("two inconclusive in a row count as one failed")
                .isEqualTo(1);
        assertThat(fakes.store().record(SERVICE).history().getLast().judge().outcome()).isEqualTo("inconclusive");
    }

    @Test
    void aJudgeInDryRunReportsItsFailureAndPromotes() {
        fakes.metrics().judgeSeries(LATENCY, latencies(1, 130), latencies(2, 100));
        RolloutContext context = canaryUp(SampleSpecs.ordersWith(root -> {
            addJudge(root, judge -> { });
            SampleSpecs.at(root, "analysis", "judge").put("dryRun", true);
        }));

        passAllSteps(context);

        Rollout record = fakes.store().record(SERVICE);
        assertThat(record.failedChecks()).isZero();
        assertThat(record.history().getLast().judge().dryRun()).isTrue();
        assertThat(record.history().getLast().judge().outcome()).isEqualTo("fail");
        assertThat(record.history().getLast().note()).contains("dry run, would be fail").contains("latency High");
        assertThat(fakes.events().types()).doesNotContain(RolloutEvent.ANALYSIS_FAILED);
    }

    @Test
    void aMarginalScoreWithOnMarginalPauseWaitsForAnOperator() {
        // Two metrics, one High: a score of 50 is marginal once the marginal threshold is 50.
        fakes.metrics().judgeSeries(LATENCY, latencies(1, 130), latencies(2, 100))
                .judgeSeries("latency-p50", latencies(3, 100), latencies(4, 100));
        RolloutContext context = canaryUp(SampleSpecs.ordersWith(root -> {
            addJudge(root, judge -> { });
            ObjectNode judge = SampleSpecs.at(root, "analysis", "judge");
            judge.put("marginal", 50).put("onMarginal", "pause");
            judge.withArray("metrics").add(((ObjectNode) judge.withArray("metrics").get(0)).deepCopy()
                    .put("name", "latency-p50"));
        }));
        steps.setWeight(context, 0);

        Decision decision = analyzeAfterInterval(context);

        assertThat(decision.pause()).isTrue();
        assertThat(decision.next()).as("where the rollout goes once approved").isEqualTo(Decision.Next.CONTINUE);
        assertThat(decision.summary()).contains("marginal score 50");
        assertThat(fakes.store().record(SERVICE).failedChecks()).isZero();

        steps.awaitApproval(context, GateStage.JUDGE, TOKEN);
        steps.approve(CLUSTER, APP);

        assertThat(fakes.workflows().approved()).as("the operator's approve ends the wait").containsExactly(TOKEN);
        assertThat(fakes.store().record(SERVICE).approvalToken()).isNull();
    }

    @Test
    void behindALoadBalancerTheBaselineIsTheTwinsOwnTargetGroupFromTheRecord() {
        RolloutFakes alb = RolloutFakes.empty();
        RolloutSteps albSteps = alb.steps();
        String spec = SampleSpecs.ordersWith(root -> {
            SampleSpecs.behindAlb(root);
            addJudge(root, judge -> judge.withArray("queries").get(0).withObjectProperty("metric")
                    .put("namespace", "AWS/ApplicationELB")
                    .set("dimensions", JSON.createObjectNode().put("LoadBalancer", "{{loadBalancer}}")
                            .put("TargetGroup", "{{targetGroup}}")));
        });
        alb.ecs().given(CLUSTER, APP, RolloutFakes.TASK_DEFINITION_7, 2, List.of(ALB_TARGET_GROUP));
        RolloutContext bootstrap = new RolloutContext(CLUSTER, APP, "shop-orders-1", CanarySpec.parse(spec));
        albSteps.initialize(bootstrap, "ecs-svc/1", spec);
        alb.tasksRunning(io.meshcanary.model.Track.PRIMARY, "7", 2);
        albSteps.finish(bootstrap);
        alb.ecs().given(CLUSTER, APP, RolloutFakes.TASK_DEFINITION_8, 0, List.of(ALB_TARGET_GROUP));
        RolloutContext context = new RolloutContext(CLUSTER, APP, EXECUTION, CanarySpec.parse(spec));
        albSteps.initialize(context, DEPLOYMENT, spec);
        Rollout record = alb.store().record(SERVICE);

        albSteps.analyze(context);

        JudgeRead read = alb.metrics().judgeReads().getFirst();
        assertThat(record.primaryTargetGroup()).isEqualTo(ALB_TARGET_GROUP + "-primary");
        assertThat(read.canary()).containsEntry("targetGroup", "targetgroup/orders/73e2d6bc24d8a067");
        assertThat(read.baseline()).containsEntry("targetGroup", "targetgroup/orders/73e2d6bc24d8a067-primary")
                .containsEntry("loadBalancer", "app/shop/50dc6c495c0c9188");
    }

    /** The example spec with a judge of one latency metric, changed by {@code change}. */
    private static String withJudge(Consumer<ObjectNode> change) {
        return SampleSpecs.ordersWith(root -> addJudge(root, change));
    }

    private static void addJudge(ObjectNode root, Consumer<ObjectNode> changeMetric) {
        ObjectNode latency = SampleSpecs.at(root, "analysis", "judge").putArray("metrics").addObject()
                .put("name", LATENCY);
        latency.putArray("queries").addObject().put("id", "p99").putObject("metric").put("namespace", "AWS/AppMesh")
                .put("metricName", "TargetResponseTime").put("stat", "p99").putObject("dimensions")
                .put("Mesh", "{{mesh}}").put("VirtualNode", "{{virtualNode}}");
        changeMetric.accept(latency);
    }

    /** Thirty latencies around {@code median} ms, log-normally spread by 10%, as a service's p99 per minute is. */
    private static List<Double> latencies(long seed, double median) {
        Random random = new Random(seed);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            values.add(Math.round(median * Math.exp(0.1 * random.nextGaussian()) * 10) / 10.0);
        }
        return values;
    }
}
