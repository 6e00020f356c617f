package io.meshcanary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.judge.Direction;
import io.meshcanary.judge.NanStrategy;
import io.meshcanary.testing.SampleFiles;
import io.meshcanary.testing.SampleSpecs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The analysis's judge block: parsed into records, every bad field named from the document root. */
class JudgeSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJudgeWithOnlyItsMetricsTakesTheDefaults() {
        Judge judge = CanarySpec.parse(withJudge(block -> { })).analysis().judge().orElseThrow();

        assertThat(judge.baseline()).isEqualTo(Judge.Baseline.PRIMARY);
        assertThat(judge.confidence()).isEqualTo(0.98);
        assertThat(judge.pass()).isEqualTo(95);
        assertThat(judge.marginal()).isEqualTo(75);
        assertThat(judge.onMarginal()).isEqualTo(Judge.OnMarginal.INCONCLUSIVE);
        assertThat(judge.periodSeconds()).isEqualTo(60);
        assertThat(judge.windowSeconds()).isEqualTo(300);
        assertThat(judge.minSamples()).isEqualTo(5);
        assertThat(judge.dryRun()).isFalse();
        assertThat(judge.groupWeights()).isEmpty();
        JudgeMetric latency = judge.metrics().getFirst();
        assertThat(latency.direction()).isEqualTo(Direction.INCREASE);
        assertThat(latency.allowedIncrease()).isEqualTo(1.0);
        assertThat(latency.allowedDecrease()).isEqualTo(1.0);
        assertThat(latency.group()).isEqualTo("default");
        assertThat(latency.nanStrategy()).isEqualTo(NanStrategy.REMOVE);
        assertThat(latency.critical() || latency.mustHaveData() || latency.dryRun()).isFalse();
    }

    @Test
    void everyFieldIsRead() {
        Judge judge = CanarySpec.parse(withJudge(block -> {
            block.put("baseline", "primary").put("confidence", 0.95).put("pass", 90).put("marginal", 60)
                    .put("onMarginal", "pause").put("periodSeconds", 10).put("windowSeconds", 600)
                    .put("minSamples", 30).put("dryRun", true).putObject("groupWeights").put("latency", 2.5);
            metric(block, 0).put("direction", "either").put("allowedIncrease", 1.2).put("allowedDecrease", 0.8)
                    .put("critical", true).put("mustHaveData", true).put("group", "latency")
                    .put("nanStrategy", "replace").put("dryRun", true);
        })).analysis().judge().orElseThrow();

        assertThat(judge).extracting(Judge::baseline, Judge::confidence, Judge::pass, Judge::marginal,
                Judge::onMarginal, Judge::periodSeconds, Judge::windowSeconds, Judge::minSamples, Judge::dryRun,
                Judge::groupWeights).containsExactly(Judge.Baseline.PRIMARY, 0.95, 90.0, 60.0, Judge.OnMarginal.PAUSE,
                10, 600, 30, true, Map.of("latency", 2.5));
        assertThat(judge.metrics().getFirst()).extracting(JudgeMetric::direction, JudgeMetric::allowedIncrease,
                JudgeMetric::allowedDecrease, JudgeMetric::critical, JudgeMetric::mustHaveData, JudgeMetric::group,
                JudgeMetric::nanStrategy, JudgeMetric::dryRun).containsExactly(Direction.EITHER, 1.2, 0.8, true,
                true, "latency", NanStrategy.REPLACE, true);
        assertThat(judge.metrics().getFirst().sampled().id()).isEqualTo("p99");
    }

    @Test
    void theDocsJudgeExampleIsValidBehindAnAlb() throws Exception {
        String doc = SampleFiles.read("docs/canary-spec.md");
        int start = doc.indexOf("```json\n", doc.indexOf("### The judge")) + "```json\n".length();
        JsonNode example = JSON.readTree("{" + doc.substring(start, doc.indexOf("```", start)) + "}");

        Judge judge = CanarySpec.parse(SampleSpecs.ordersWith(root -> {
            SampleSpecs.behindAlb(root);
            root.withObjectProperty("analysis").set("judge", example.get("judge"));
        })).analysis().judge().orElseThrow();

        assertThat(judge.metrics()).extracting(JudgeMetric::name).containsExactly("latency", "errors");
        assertThat(judge.metrics().get(1).critical()).isTrue();
    }

    @Test
    void aSpecWithoutAJudgeHasNone() {
        assertThat(CanarySpec.parse(SampleSpecs.orders()).analysis().judge()).isEmpty();
    }

    record BadField(String field, Consumer<ObjectNode> breaks, String message) {

        @Override
        public String toString() {
            return field;
        }
    }

    static List<BadField> badFields() {
        return List.of(
                new BadField("unknown property", judge -> judge.put("threshold", 3),
                        "analysis.judge.threshold: is not a known field here; the fields are metrics, baseline,"
                                + " confidence, pass, marginal, onMarginal, periodSeconds, windowSeconds, minSamples,"
                                + " dryRun, groupWeights"),
                new BadField("no metrics", judge -> judge.putArray("metrics"),
                        "analysis.judge.metrics: must list at least one metric"),
                new BadField("direction", judge -> metric(judge, 0).put("direction", "up"),
                        "analysis.judge.metrics[0].direction: must be one of \"increase\", \"decrease\","
                                + " \"either\", was \"up\""),
                new BadField("allowedIncrease", judge -> metric(judge, 0).put("allowedIncrease", 0.9),
                        "analysis.judge.metrics[0].allowedIncrease: must be at least 1"),
                new BadField("allowedDecrease", judge -> metric(judge, 0).put("allowedDecrease", 1.1),
                        "analysis.judge.metrics[0].allowedDecrease: must be at most 1"),
                new BadField("nanStrategy", judge -> metric(judge, 0).put("nanStrategy", "zero"),
                        "analysis.judge.metrics[0].nanStrategy: must be one of \"remove\", \"replace\", was \"zero\""),
                new BadField("two sampled queries", judge -> ((ObjectNode) metric(judge, 0).withArray("queries")
                        .addObject().put("id", "p50").put("returnData", true)).putObject("metric")
                        .put("metricName", "TargetResponseTime").put("stat", "p50"),
                        "analysis.judge.metrics[0].queries: has 2 queries with returnData true (p99, p50); set"
                                + " returnData false on all but one"),
                new BadField("repeated name", judge -> judge.withArray("metrics").add(metric(judge, 0).deepCopy()),
                        "analysis.judge.metrics[1].name: repeats the name latency of metrics[0]"),
                new BadField("unsupplied placeholder", judge -> ((ObjectNode) metric(judge, 0).at(
                        "/queries/0/metric/dimensions")).put("Mesh", "{{loadBalancer}}"),
                        "analysis.judge.metrics[0]: uses {{loadBalancer}}, which the appmesh router does not supply"),
                new BadField("every metric dry", judge -> metric(judge, 0).put("dryRun", true),
                        "analysis.judge.metrics: are all dryRun, so the judge could never decide; set the judge's"
                                + " own dryRun instead"),
                new BadField("baseline", judge -> judge.put("baseline", "canary"),
                        "analysis.judge.baseline: must be one of \"primary\", \"equal\", was \"canary\""),
                new BadField("baseline service behind App Mesh", judge -> judge.put("baseline", "equal"),
                        "analysis.judge.baseline: \"equal\" needs a target group of its own for the baseline"
                                + " service, which meshcanary adds to an alb or vpc-lattice rule, not to the appmesh"
                                + " router's route; use \"primary\""),
                new BadField("confidence", judge -> judge.put("confidence", 1),
                        "analysis.judge.confidence: must lie between 0 and 1, exclusive"),
                new BadField("pass", judge -> judge.put("pass", 101),
                        "analysis.judge.pass: must be between 0 and 100, was 101"),
                new BadField("marginal above pass", judge -> judge.put("pass", 80).put("marginal", 90),
                        "analysis.judge.marginal: must be a score from 0 to pass (80.0), was 90.0"),
                new BadField("onMarginal", judge -> judge.put("onMarginal", "retry"),
                        "analysis.judge.onMarginal: must be one of \"inconclusive\", \"fail\", \"pause\","
                                + " was \"retry\""),
                new BadField("periodSeconds", judge -> judge.put("periodSeconds", 7),
                        "analysis.judge.periodSeconds: must be 1, 5, 10, 30 or a multiple of 60"),
                new BadField("minSamples out of reach", judge -> judge.put("minSamples", 20),
                        "analysis.judge.minSamples: can never be met: a 300 s window holds at most 5 datapoints of"
                                + " 60 s, and minSamples is 20"),
                new BadField("group weight of no group", judge -> judge.putObject("groupWeights").put("errors", 2),
                        "analysis.judge.groupWeights.errors: names a group no metric is in; the groups are default"),
                new BadField("group weight zero", judge -> judge.putObject("groupWeights").put("default", 0),
                        "analysis.judge.groupWeights.default: must be a weight above 0"));
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void aBadFieldIsNamedFromTheRoot(BadField bad) {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> CanarySpec.parse(withJudge(bad.breaks())));

        assertThat(error).as(bad.field()).isNotNull();
        assertThat(error.getMessage()).startsWith(bad.message());
    }

    @Test
    void anEqualBaselineIsReadBehindAnAlbRule() {
        Judge judge = CanarySpec.parse(SampleFiles.edited(SampleSpecs.ALB_EXAMPLE, root -> root
                .withObjectProperty("analysis").putObject("judge").put("baseline", "equal").set("metrics",
                        JSON.createArrayNode().add(latencyOfTheTargetGroup())))).analysis().judge().orElseThrow();

        assertThat(judge.baseline()).isEqualTo(Judge.Baseline.EQUAL);
    }

    @Test
    void anEqualBaselineInANativeSpecIsRefusedByName() {
        String document = SampleFiles.edited(SampleSpecs.ALB_EXAMPLE, root -> {
            root.put("mode", "native");
            root.retain("$schema", "mode", "steps", "analysis");
            root.withObjectProperty("analysis").putObject("judge").put("baseline", "equal").set("metrics",
                    JSON.createArrayNode().add(latencyOfTheTargetGroup()));
        });

        assertThat(catchThrowableOfType(InvalidSpecException.class, () -> CanarySpec.parse(document)))
                .hasMessage("analysis.judge.baseline: \"equal\" runs a baseline service beside the twin; a native"
                        + " rollout compares its green revision with its blue one: use \"primary\"");
    }

    private static ObjectNode latencyOfTheTargetGroup() {
        ObjectNode latency = JSON.createObjectNode().put("name", "latency");
        latency.putArray("queries").addObject().put("id", "rt").putObject("metric")
                .put("namespace", "AWS/ApplicationELB").put("metricName", "TargetResponseTime").put("stat", "Average")
                .putObject("dimensions").put("TargetGroup", "{{targetGroup}}");
        return latency;
    }

    @Test
    void theRecordsRefuseWhatTheSchemaRefusesForASpecReadWithoutIt() {
        List<MetricQuery> p99 = List.of(new MetricQuery("p99", Optional.empty(),
                Optional.of(new MetricStat("AWS/AppMesh", "TargetResponseTime", Map.of(), "p99")), true));

        InvalidSpecException increase = catchThrowableOfType(InvalidSpecException.class, () -> new JudgeMetric(
                "latency", p99, Direction.INCREASE, 0.9, 1, false, false, "default", NanStrategy.REMOVE, false));
        InvalidSpecException decrease = catchThrowableOfType(InvalidSpecException.class, () -> new JudgeMetric(
                "latency", p99, Direction.INCREASE, 1, 0, false, false, "default", NanStrategy.REMOVE, false));
        JudgeMetric latency = new JudgeMetric("latency", p99, Direction.INCREASE, 1, 1, false, false, "default",
                NanStrategy.REMOVE, false);
        InvalidSpecException confidence = catchThrowableOfType(InvalidSpecException.class, () -> new Judge(
                List.of(latency), Judge.Baseline.PRIMARY, 1, 95, 75, Judge.OnMarginal.FAIL, 60, 300, 5, false,
                Map.of()));

        assertThat(increase.getMessage()).startsWith("allowedIncrease: must be a ratio of means of at least 1");
        assertThat(decrease.getMessage()).startsWith("allowedDecrease: must be a ratio of means above 0");
        assertThat(confidence.getMessage()).isEqualTo("confidence: must lie between 0 and 1, exclusive, was 1.0");
    }

    /** The example spec with a judge of one latency metric, changed by {@code change}. */
    static String withJudge(Consumer<ObjectNode> change) {
        return SampleSpecs.ordersWith(root -> {
            ObjectNode judge = root.withObjectProperty("analysis").putObject("judge");
            ObjectNode latency = judge.putArray("metrics").addObject().put("name", "latency");
            ObjectNode query = latency.putArray("queries").addObject().put("id", "p99");
            query.putObject("metric").put("namespace", "AWS/AppMesh").put("metricName", "TargetResponseTime")
                    .put("stat", "p99").putObject("dimensions").put("Mesh", "{{mesh}}")
                    .put("VirtualNode", "{{virtualNode}}");
            change.accept(judge);
        });
    }

    private static ObjectNode metric(ObjectNode judge, int index) {
        return (ObjectNode) ((ArrayNode) judge.get("metrics")).get(index);
    }
}
