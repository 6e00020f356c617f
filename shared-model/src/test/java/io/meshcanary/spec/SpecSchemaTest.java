package io.meshcanary.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.testing.SampleFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The schema is the contract users see; the parser and the reference doc must say the same as it does. */
class SpecSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOC = "docs/canary-spec.md";
    private static final List<SchemaReference.Row> ROWS = SchemaReference.rows(SpecSchema.document());

    @Test
    void schemaOnTheClasspathIsTheOneAtTheTopOfTheRepository() throws Exception {
        assertThat(SpecSchema.document()).isEqualTo(JSON.readTree(SampleFiles.read("schema/canary-spec.schema.json")));
    }

    @Test
    void everySchemaPropertyHasADescription() {
        assertThat(ROWS).filteredOn(row -> row.description().isBlank()).extracting(SchemaReference.Row::path)
                .isEmpty();
    }

    @Test
    void docListsEverySchemaPropertyAndNoOther() {
        List<String> schemaPaths = ROWS.stream().map(SchemaReference.Row::path).toList();
        List<String> documented = SchemaReference.documentedPaths(SampleFiles.read(DOC));

        assertThat(schemaPaths).as("properties of the schema missing from " + DOC).isSubsetOf(documented);
        assertThat(documented).as("rows of " + DOC + " that the schema no longer has").isSubsetOf(schemaPaths);
    }

    @Test
    void docTableSaysWhatTheSchemaSays() {
        String generated = ROWS.stream().map(SchemaReference.Row::markdown).collect(Collectors.joining("\n"));

        assertThat(String.join("\n", SchemaReference.documentedRows(SampleFiles.read(DOC))))
                .as("the reference table of %s, regenerated from the schema, is:%n%s%n", DOC, generated)
                .isEqualTo(generated);
    }

    @Test
    void docExampleIsAValidSpec() {
        String doc = SampleFiles.read(DOC);
        int start = doc.indexOf("```json\n") + "```json\n".length();

        CanarySpec spec = CanarySpec.parse(doc.substring(start, doc.indexOf("```", start)));

        assertThat(spec.gates().prePromotion()).contains(Gate.MANUAL);
    }

    @Test
    void schemaDefaultsAreWhatTheParserApplies() throws Exception {
        CanarySpec spec = CanarySpec.parse(minimalSpec());
        MetricCheck check = spec.analysis().metrics().getFirst();
        CanarySpec bare = CanarySpec.parse(CanarySpecTest.edit(root -> root.retain("router", "steps")));
        CanarySpec gated = CanarySpec.parse(CanarySpecTest.edit(root -> List.of("preRollout", "preStep",
                "prePromotion").forEach(stage -> root.withObjectProperty("gates").putObject(stage)
                .put("type", "webhook").put("url", "https://gate.example"))));
        Map<String, Function<CanarySpec, Object>> parsed = new LinkedHashMap<>();
        parsed.put("router.virtualNode.protocol", s -> ((AppMeshRouter) s.router()).virtualNode().protocol());
        parsed.put("router.virtualNode.healthCheck.path", s -> healthCheck(s).path());
        parsed.put("router.virtualNode.healthCheck.intervalMillis", s -> healthCheck(s).intervalMillis());
        parsed.put("router.virtualNode.healthCheck.timeoutMillis", s -> healthCheck(s).timeoutMillis());
        parsed.put("router.virtualNode.healthCheck.healthyThreshold", s -> healthCheck(s).healthyThreshold());
        parsed.put("router.virtualNode.healthCheck.unhealthyThreshold", s -> healthCheck(s).unhealthyThreshold());
        parsed.put("router.virtualNode.backends", s -> ((AppMeshRouter) s.router()).virtualNode().backends());
        parsed.put("canary.desiredCount", s -> s.canary().desiredCount());
        parsed.put("intervalSeconds", CanarySpec::intervalSeconds);
        parsed.put("analysis.alarms", s -> s.analysis().alarms());
        parsed.put("analysis.metrics", s -> bare.analysis().metrics());
        parsed.put("analysis.metrics[].queries[].metric.namespace", s -> metric(check).namespace());
        parsed.put("analysis.metrics[].queries[].metric.dimensions", s -> metric(check).dimensions());
        parsed.put("analysis.metrics[].queries[].returnData", s -> check.queries().getFirst().returnData());
        parsed.put("analysis.metrics[].minSamples", s -> check.minSamples());
        parsed.put("analysis.metrics[].periodSeconds", s -> check.periodSeconds());
        parsed.put("analysis.metrics[].windowSeconds", s -> check.windowSeconds());
        Judge judge = spec.analysis().judge().orElseThrow();
        JudgeMetric judged = judge.metrics().getFirst();
        MetricStat judgedStat = judged.queries().getFirst().metric().orElseThrow();
        parsed.put("analysis.judge.metrics[].queries[].metric.namespace", s -> judgedStat.namespace());
        parsed.put("analysis.judge.metrics[].queries[].metric.dimensions", s -> judgedStat.dimensions());
        parsed.put("analysis.judge.metrics[].queries[].returnData", s -> judged.queries().getFirst().returnData());
        parsed.put("analysis.judge.metrics[].direction", s -> Labels.label(judged.direction()));
        parsed.put("analysis.judge.metrics[].allowedIncrease", s -> judged.allowedIncrease());
        parsed.put("analysis.judge.metrics[].allowedDecrease", s -> judged.allowedDecrease());
        parsed.put("analysis.judge.metrics[].critical", s -> judged.critical());
        parsed.put("analysis.judge.metrics[].mustHaveData", s -> judged.mustHaveData());
        parsed.put("analysis.judge.metrics[].group", s -> judged.group());
        parsed.put("analysis.judge.metrics[].nanStrategy", s -> Labels.label(judged.nanStrategy()));
        parsed.put("analysis.judge.metrics[].dryRun", s -> judged.dryRun());
        parsed.put("analysis.judge.baseline", s -> Labels.label(judge.baseline()));
        parsed.put("analysis.judge.confidence", s -> judge.confidence());
        // The schema writes the scores as integers; the parser reads them as doubles.
        parsed.put("analysis.judge.pass", s -> (int) judge.pass());
        parsed.put("analysis.judge.marginal", s -> (int) judge.marginal());
        parsed.put("analysis.judge.onMarginal", s -> Labels.label(judge.onMarginal()));
        parsed.put("analysis.judge.periodSeconds", s -> judge.periodSeconds());
        parsed.put("analysis.judge.windowSeconds", s -> judge.windowSeconds());
        parsed.put("analysis.judge.minSamples", s -> judge.minSamples());
        parsed.put("analysis.judge.dryRun", s -> judge.dryRun());
        parsed.put("analysis.judge.groupWeights", s -> judge.groupWeights());
        parsed.put("mode", s -> s.mode().label());
        parsed.put("analysis.threshold", s -> s.analysis().threshold());
        parsed.put("analysis.inconclusiveAsFailureAfter", s -> s.analysis().inconclusiveAsFailureAfter());
        parsed.put("analysis.maxCanaryCrashes", s -> s.analysis().maxCanaryCrashes());
        parsed.put("timeouts.capacitySeconds", s -> s.timeouts().capacitySeconds());
        parsed.put("timeouts.promotionSeconds", s -> s.timeouts().promotionSeconds());
        parsed.put("timeouts.gateSeconds", s -> s.timeouts().gateSeconds());
        parsed.put("gates.preRollout.timeoutSeconds", s -> gated.gates().preRollout().orElseThrow().timeoutSeconds());
        parsed.put("gates.preStep.timeoutSeconds", s -> gated.gates().preStep().orElseThrow().timeoutSeconds());
        parsed.put("gates.prePromotion.timeoutSeconds",
                s -> gated.gates().prePromotion().orElseThrow().timeoutSeconds());

        Map<String, JsonNode> schemaDefaults = new LinkedHashMap<>();
        ROWS.stream().filter(row -> row.defaultValue().startsWith("`"))
                .forEach(row -> schemaDefaults.put(row.path(), readDefault(row.defaultValue())));
        Map<String, JsonNode> parserDefaults = new LinkedHashMap<>();
        parsed.forEach((path, value) -> parserDefaults.put(path, JSON.valueToTree(value.apply(spec))));

        assertThat(parserDefaults).isEqualTo(schemaDefaults);
    }

    /** Every optional field left out, the metric check and the judge included, and the empty objects that hold them. */
    private static String minimalSpec() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(SampleFiles.read(SampleFiles.ORDERS_SPEC));
        root.retain("router", "steps");
        root.withObjectProperty("router").set("virtualNode", JSON.createObjectNode().put("port", 8080)
                .set("healthCheck", JSON.createObjectNode()));
        root.putObject("canary");
        root.putObject("timeouts");
        root.putObject("gates");
        ObjectNode check = root.putObject("analysis").putArray("metrics").addObject().put("name", "latency")
                .put("max", 250);
        check.putArray("queries").addObject().put("id", "p99").putObject("metric")
                .put("metricName", "TargetResponseTime").put("stat", "p99");
        ObjectNode judged = root.withObjectProperty("analysis").putObject("judge").putArray("metrics").addObject()
                .put("name", "latency");
        judged.putArray("queries").addObject().put("id", "p99").putObject("metric")
                .put("metricName", "TargetResponseTime").put("stat", "p99");
        return JSON.writeValueAsString(root);
    }

    private static JsonNode readDefault(String cell) {
        try {
            return JSON.readTree(cell.substring(1, cell.length() - 1));
        } catch (Exception e) {
            throw new IllegalStateException("default " + cell + " is not JSON", e);
        }
    }

    private static HealthCheck healthCheck(CanarySpec spec) {
        return ((AppMeshRouter) spec.router()).virtualNode().healthCheck().orElseThrow();
    }

    private static MetricStat metric(MetricCheck check) {
        return check.queries().getFirst().metric().orElseThrow();
    }
}
