package io.meshcanary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.testing.SampleFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CanarySpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AppMeshRouter ORDERS_ROUTER = new AppMeshRouter("shop", "orders", "orders",
            new CloudMapService("shop.local", "orders"),
            new VirtualNodeTemplate(8080, "http", Optional.of(new HealthCheck("/health", 5_000, 2_000, 2, 3)),
                    List.of("payments.shop.local")));

    @Test
    void exampleOrdersSpecParsesIntoEveryPart() {
        CanarySpec spec = CanarySpec.parse(SampleFiles.read(SampleFiles.ORDERS_SPEC));

        Map<String, String> dimensions = Map.of("Mesh", "{{mesh}}", "VirtualNode", "{{virtualNode}}");
        MetricCheck errorRate = new MetricCheck("error-rate", List.of(
                new MetricQuery("errors", Optional.empty(), Optional.of(
                        new MetricStat("AWS/AppMesh", "HTTPCode_Target_5XX_Count", dimensions, "Sum")), false),
                new MetricQuery("requests", Optional.empty(), Optional.of(
                        new MetricStat("AWS/AppMesh", "RequestCount", dimensions, "Sum")), false),
                new MetricQuery("rate", Optional.of("100 * FILL(errors, 0) / requests"), Optional.empty(), true)),
                OptionalDouble.empty(), OptionalDouble.of(1.0), 3, 60, 300);
        assertThat(spec).isEqualTo(new CanarySpec(ORDERS_ROUTER, new CanaryCapacity(1), List.of(10, 20, 50), 60,
                new Analysis(List.of("orders-5xx"), List.of(errorRate), 2, 2, 2, Optional.empty()), Gates.NONE,
                new Timeouts(600, 900, 3_600, OptionalInt.empty())));
    }

    @Test
    void routerAndStepsAloneMakeASpecWithEveryDefault() {
        CanarySpec spec = CanarySpec.parse(edit(root -> root.retain("router", "steps")));

        assertThat(spec).isEqualTo(new CanarySpec(ORDERS_ROUTER, CanaryCapacity.DEFAULT, List.of(10, 20, 50),
                CanarySpec.DEFAULT_INTERVAL_SECONDS, Analysis.NONE, Gates.NONE, Timeouts.DEFAULTS));
    }

    @Test
    void aCapacityPollOfItsOwnIsKeptAndNoneIsLeftToTheInterval() {
        CanarySpec polled = CanarySpec.parse(edit(root -> timeouts(root).put("capacityPollSeconds", 2)));

        assertThat(polled.timeouts().capacityPollSeconds()).hasValue(2);
        assertThat(CanarySpec.parse(edit(root -> timeouts(root).remove("capacityPollSeconds"))).timeouts()
                .capacityPollSeconds()).isEmpty();
    }

    @Test
    void primingParsesItsOwnSpecWithoutError() {
        CanarySpec.prime();
    }

    @Test
    void minimalVirtualNodeTakesDefaults() {
        CanarySpec spec = CanarySpec.parse(edit(root -> router(root).set("virtualNode",
                JSON.createObjectNode().put("port", 8080))));

        assertThat(((AppMeshRouter) spec.router()).virtualNode())
                .isEqualTo(new VirtualNodeTemplate(8080, "http", Optional.empty(), List.of()));
    }

    @Test
    void emptyHealthCheckTakesAppMeshFriendlyDefaults() {
        CanarySpec spec = CanarySpec.parse(edit(root -> node(root).set("healthCheck", JSON.createObjectNode())));

        assertThat(((AppMeshRouter) spec.router()).virtualNode().healthCheck()).contains(new HealthCheck("/", 5_000, 2_000, 2, 3));
    }

    @ParameterizedTest(name = "stepWeight {0} up to maxWeight {1} gives {2}")
    @CsvSource(delimiter = ';', value = {
            "10; 50; 10,20,30,40,50",
            "30; 50; 30,50",
            "25; 100; 25,50,75,100",
            "40; 100; 40,80,100",
            "50; 50; 50",
            "1; 3; 1,2,3",
            "100; 100; 100"})
    void stepWeightClimbsToMaxWeightAndEndsOnIt(int stepWeight, int maxWeight, String weights) {
        CanarySpec spec = CanarySpec.parse(edit(root -> root.putObject("steps")
                .put("stepWeight", stepWeight).put("maxWeight", maxWeight)));

        assertThat(spec.steps()).isEqualTo(Stream.of(weights.split(",")).map(Integer::valueOf).toList());
    }

    @Test
    void metricQueryTakesTheAppMeshNamespaceNoDimensionsAndReturnsDataUnlessTold() {
        CanarySpec spec = CanarySpec.parse(edit(root -> analysis(root).putArray("metrics").addObject()
                .put("name", "latency").put("max", 250)
                .putArray("queries").addObject().put("id", "p99")
                .putObject("metric").put("metricName", "TargetResponseTime").put("stat", "p99")));

        assertThat(spec.analysis().metrics()).containsExactly(new MetricCheck("latency", List.of(
                new MetricQuery("p99", Optional.empty(),
                        Optional.of(new MetricStat("AWS/AppMesh", "TargetResponseTime", Map.of(), "p99")), true)),
                OptionalDouble.empty(), OptionalDouble.of(250), 1, 60, 300));
    }

    @Test
    void everyKindOfGateParses() {
        CanarySpec spec = CanarySpec.parse(edit(root -> {
            ObjectNode gates = root.putObject("gates");
            gates.putObject("preRollout").put("type", "lambda")
                    .put("functionArn", "arn:aws:lambda:eu-west-1:123456789012:function:orders-gate:live");
            gates.putObject("preStep").put("type", "webhook").put("url", "https://gates.example.com/orders?step=1")
                    .put("timeoutSeconds", 45);
            gates.putObject("prePromotion").put("type", "manual");
        }));

        assertThat(spec.gates()).isEqualTo(new Gates(
                Optional.of(Gate.lambda("arn:aws:lambda:eu-west-1:123456789012:function:orders-gate:live")),
                Optional.of(new Gate(GateType.WEBHOOK, "https://gates.example.com/orders?step=1", 45)),
                Optional.of(Gate.MANUAL)));
        assertThat(spec.gates().preRollout()).map(Gate::timeoutSeconds).as("the default").contains(10);
        assertThat(Gate.MANUAL.timeoutSeconds()).as("a manual gate waits timeouts.gateSeconds").isZero();
    }

    @Test
    void webhookHeaderTakesItsValueFromAnSsmParameter() {
        CanarySpec spec = CanarySpec.parse(edit(root -> gate(root, "preStep").put("type", "webhook")
                .put("url", "https://gates.example.com/orders").putObject("headers").putObject("Authorization")
                .put("ssmParameter", "/meshcanary/secrets/gate-token")));

        assertThat(spec.gates().preStep()).contains(new Gate(GateType.WEBHOOK, "https://gates.example.com/orders",
                Gate.DEFAULT_TIMEOUT_SECONDS, List.of(new SecretHeader("Authorization",
                        "/meshcanary/secrets/gate-token"))));
    }

    @Test
    void headerSecretOutsideTheStacksPrefixIsRefusedNamingTheField() {
        CanarySpec spec = CanarySpec.parse(edit(root -> gate(root, "preRollout").put("type", "webhook")
                .put("url", "https://gates.example.com/orders").putObject("headers").putObject("X-Token")
                .put("ssmParameter", "/team/orders/gate-token")));

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> spec.requireGateSecretsUnder("/meshcanary/secrets/"));

        assertThat(error.field()).isEqualTo("gates.preRollout.headers.X-Token.ssmParameter");
        assertThat(error.problem()).contains("/meshcanary/secrets/");
        spec.requireGateSecretsUnder("/team/");
    }

    @Test
    void redactedSpecShowsWebhookUrlsWithoutTheirTokensAndStillReads() throws JsonProcessingException {
        String tokenised = "https://bot:s3cret@gates.example.com/orders?token=s3cret";
        String document = edit(root -> {
            gate(root, "preStep").put("type", "webhook").put("url", tokenised);
            gate(root, "prePromotion").put("type", "manual");
        });

        JsonNode redacted = CanarySpec.redacted(JSON.readTree(document));

        assertThat(redacted.toString()).doesNotContain("s3cret");
        assertThat(redacted.at("/gates/preStep/url").asText())
                .isEqualTo("https://REDACTED@gates.example.com/orders?REDACTED");
        assertThat(document).as("the document itself is left alone").contains("s3cret");
        CanarySpec shown = CanarySpec.readValidated(redacted);
        assertThat(shown.gates()).isEqualTo(new Gates(Optional.empty(),
                Optional.of(Gate.webhook("https://REDACTED@gates.example.com/orders?REDACTED")),
                Optional.of(Gate.MANUAL)));
        assertThat(shown.router()).isEqualTo(CanarySpec.parse(document).router());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://localhost:8080/gate", "http://127.0.0.1/gate", "http://localhost", "https://gate.internal"})
    void webhookMayUsePlainHttpOnlyOnThisMachine(String url) {
        CanarySpec spec = CanarySpec.parse(edit(root -> root.putObject("gates").putObject("preStep")
                .put("type", "webhook").put("url", url)));

        assertThat(spec.gates().preStep()).contains(Gate.webhook(url));
    }

    /** Those of every router, and App Mesh's own: the example spec routes through App Mesh. */
    @ParameterizedTest(name = "placeholder {0}")
    @MethodSource("placeholders")
    void everyPlaceholderOfTheRouterIsAccepted(String placeholder) {
        CanarySpec spec = CanarySpec.parse(edit(root -> query(root, 2)
                .put("expression", "100 * errors / requests + 0 * FILL(requests, {{%s}})".formatted(placeholder))));

        assertThat(spec.analysis().metrics().getFirst().sampled().expression().orElseThrow())
                .contains("{{" + placeholder + "}}");
    }

    static Stream<String> placeholders() {
        return Stream.concat(Placeholders.COMMON.stream(), Stream.of(AppMeshRouter.MESH));
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                bad("a bad document", "{\"router\": ", "$"),
                bad("an empty document", "", "$"),
                bad("an array for a document", "[]", "$"),
                bad("a document with a key given twice", "{\"router\": {}, \"router\": {}}", "$"),
                bad("a document with trailing text", SampleFiles.read(SampleFiles.ORDERS_SPEC) + " }", "$"),
                bad("an unknown top-level field", edit(root -> root.put("intervalSecond", 60)), "intervalSecond"),
                // router
                bad("no router", edit(root -> root.remove("router")), "router"),
                bad("a router that is a string", edit(root -> root.put("router", "appmesh")), "router"),
                bad("no router type", edit(root -> router(root).remove("type")), "router.type"),
                bad("an unsupported router type", edit(root -> router(root).put("type", "lattice")), "router.type"),
                bad("a numeric router type", edit(root -> router(root).put("type", 1)), "router.type"),
                bad("no mesh", edit(root -> router(root).remove("mesh")), "router.mesh"),
                bad("a blank mesh", edit(root -> router(root).put("mesh", " ")), "router.mesh"),
                bad("no Cloud Map namespace",
                        edit(root -> router(root).withObjectProperty("cloudMap").remove("namespace")),
                        "router.cloudMap.namespace"),
                bad("no virtual node", edit(root -> router(root).remove("virtualNode")), "router.virtualNode"),
                bad("port 0", edit(root -> node(root).put("port", 0)), "router.virtualNode.port"),
                bad("port 65536", edit(root -> node(root).put("port", 65_536)), "router.virtualNode.port"),
                bad("a port given as a string", edit(root -> node(root).put("port", "8080")),
                        "router.virtualNode.port"),
                bad("a fractional port", edit(root -> node(root).put("port", 8080.5)), "router.virtualNode.port"),
                bad("protocol udp", edit(root -> node(root).put("protocol", "udp")), "router.virtualNode.protocol"),
                bad("backends that are not a list", edit(root -> node(root).put("backends", "payments.shop.local")),
                        "router.virtualNode.backends"),
                bad("a backend that is not a string",
                        edit(root -> node(root).putArray("backends").add("payments.shop.local").add(42)),
                        "router.virtualNode.backends[1]"),
                bad("a health check interval under 5 s",
                        edit(root -> node(root).withObjectProperty("healthCheck").put("intervalMillis", 1_000)),
                        "router.virtualNode.healthCheck.intervalMillis"),
                // canary
                bad("no canary task", edit(root -> root.putObject("canary").put("desiredCount", 0)),
                        "canary.desiredCount"),
                bad("101 canary tasks", edit(root -> root.putObject("canary").put("desiredCount", 101)),
                        "canary.desiredCount"),
                // steps
                bad("no steps", edit(root -> root.remove("steps")), "steps"),
                bad("steps in neither form", edit(root -> root.putObject("steps")), "steps"),
                bad("steps in both forms", edit(root -> steps(root).put("stepWeight", 10).put("maxWeight", 50)),
                        "steps"),
                bad("a stepWeight without maxWeight", edit(root -> root.putObject("steps").put("stepWeight", 10)),
                        "steps.maxWeight"),
                bad("a maxWeight without stepWeight", edit(root -> root.putObject("steps").put("maxWeight", 50)),
                        "steps"),
                bad("a maxWeight below stepWeight",
                        edit(root -> root.putObject("steps").put("stepWeight", 30).put("maxWeight", 20)),
                        "steps.maxWeight"),
                bad("a stepWeight of 0",
                        edit(root -> root.putObject("steps").put("stepWeight", 0).put("maxWeight", 50)),
                        "steps.stepWeight"),
                bad("a maxWeight over 100",
                        edit(root -> root.putObject("steps").put("stepWeight", 10).put("maxWeight", 110)),
                        "steps.maxWeight"),
                bad("no weights", edit(root -> steps(root).putArray("weights")), "steps.weights"),
                bad("a weight of 0", edit(root -> steps(root).putArray("weights").add(0).add(50)), "steps.weights[0]"),
                bad("a weight over 100", edit(root -> steps(root).putArray("weights").add(10).add(20).add(101)),
                        "steps.weights[2]"),
                bad("a fractional weight", edit(root -> steps(root).putArray("weights").add(10.5)), "steps.weights[0]"),
                bad("weights going down", edit(root -> steps(root).putArray("weights").add(10).add(50).add(20)),
                        "steps.weights[2]"),
                bad("a weight given twice", edit(root -> steps(root).putArray("weights").add(10).add(10)),
                        "steps.weights[1]"),
                bad("a misspelt steps field", edit(root -> steps(root).set("weight", steps(root).remove("weights"))),
                        "steps.weight"),
                // interval
                bad("an interval of 0", edit(root -> root.put("intervalSeconds", 0)), "intervalSeconds"),
                bad("an interval over a day", edit(root -> root.put("intervalSeconds", 86_401)), "intervalSeconds"),
                bad("an interval given as text", edit(root -> root.put("intervalSeconds", "1m")), "intervalSeconds"),
                // analysis
                bad("alarms that are not a list", edit(root -> analysis(root).put("alarms", "orders-5xx")),
                        "analysis.alarms"),
                bad("a blank alarm name", edit(root -> analysis(root).putArray("alarms").add("")),
                        "analysis.alarms[0]"),
                bad("an alarm listed twice", edit(root -> analysis(root).putArray("alarms").add("a").add("a")),
                        "analysis.alarms"),
                bad("a threshold of 0", edit(root -> analysis(root).put("threshold", 0)), "analysis.threshold"),
                bad("inconclusive never counting", edit(root -> analysis(root).put("inconclusiveAsFailureAfter", 0)),
                        "analysis.inconclusiveAsFailureAfter"),
                bad("a metric check without a name", edit(root -> check(root).remove("name")),
                        "analysis.metrics[0].name"),
                bad("a metric check without queries", edit(root -> check(root).remove("queries")),
                        "analysis.metrics[0].queries"),
                bad("a metric check with no query", edit(root -> check(root).putArray("queries")),
                        "analysis.metrics[0].queries"),
                bad("a metric check without min or max", edit(root -> check(root).remove("max")),
                        "analysis.metrics[0]"),
                bad("a max below the min", edit(root -> check(root).put("min", 2).put("max", 1)),
                        "analysis.metrics[0].max"),
                bad("a bound given as text", edit(root -> check(root).put("max", "1%")), "analysis.metrics[0].max"),
                bad("two queries returning data", edit(root -> query(root, 0).put("returnData", true)),
                        "analysis.metrics[0].queries"),
                bad("no query returning data", edit(root -> query(root, 2).put("returnData", false)),
                        "analysis.metrics[0].queries"),
                bad("a query id used twice", edit(root -> query(root, 1).put("id", "errors")),
                        "analysis.metrics[0].queries[1].id"),
                bad("a query id starting upper-case", edit(root -> query(root, 0).put("id", "Errors")),
                        "analysis.metrics[0].queries[0].id"),
                bad("a query without an id", edit(root -> query(root, 0).remove("id")),
                        "analysis.metrics[0].queries[0].id"),
                bad("a query with an expression and a metric",
                        edit(root -> query(root, 2).set("metric", query(root, 0).get("metric").deepCopy())),
                        "analysis.metrics[0].queries[2]"),
                bad("a query with neither expression nor metric", edit(root -> query(root, 2).remove("expression")),
                        "analysis.metrics[0].queries[2]"),
                bad("a metric without a metric name", edit(root -> metric(root).remove("metricName")),
                        "analysis.metrics[0].queries[0].metric.metricName"),
                bad("a metric without a statistic", edit(root -> metric(root).remove("stat")),
                        "analysis.metrics[0].queries[0].metric.stat"),
                bad("a numeric dimension value", edit(root -> metric(root).withObjectProperty("dimensions")
                        .put("VirtualNode", 1)), "analysis.metrics[0].queries[0].metric.dimensions.VirtualNode"),
                bad("an unknown placeholder in a dimension",
                        edit(root -> metric(root).withObjectProperty("dimensions").put("VirtualNode", "{{pod}}")),
                        "analysis.metrics[0].queries[0].metric.dimensions.VirtualNode"),
                bad("an unknown placeholder in a metric name", edit(root -> metric(root)
                        .put("metricName", "{{metric}}")), "analysis.metrics[0].queries[0].metric.metricName"),
                bad("an unknown placeholder in an expression",
                        edit(root -> query(root, 2).put("expression", "errors / {{requests}}")),
                        "analysis.metrics[0].queries[2].expression"),
                bad("an unclosed placeholder", edit(root -> query(root, 2).put("expression", "errors / {{app")),
                        "analysis.metrics[0].queries[2].expression"),
                bad("a 45 s period", edit(root -> check(root).put("periodSeconds", 45)),
                        "analysis.metrics[0].periodSeconds"),
                bad("a window shorter than the period", edit(root -> check(root).put("windowSeconds", 30)),
                        "analysis.metrics[0].windowSeconds"),
                bad("more samples than the window holds", edit(root -> check(root).put("minSamples", 6)),
                        "analysis.metrics[0].minSamples"),
                bad("no samples needed", edit(root -> check(root).put("minSamples", 0)),
                        "analysis.metrics[0].minSamples"),
                bad("two checks with one name",
                        edit(root -> analysis(root).withArrayProperty("metrics").add(check(root).deepCopy())),
                        "analysis.metrics[1].name"),
                // gates
                bad("a gate of unknown type", edit(root -> gate(root, "preStep").put("type", "slack")),
                        "gates.preStep.type"),
                bad("a gate without a type", edit(root -> gate(root, "preStep").put("url", "https://gate.example")),
                        "gates.preStep.type"),
                bad("a lambda gate without a function",
                        edit(root -> gate(root, "preRollout").put("type", "lambda")), "gates.preRollout.functionArn"),
                bad("a lambda gate naming a function by name", edit(root -> gate(root, "preRollout")
                        .put("type", "lambda").put("functionArn", "orders-gate")), "gates.preRollout.functionArn"),
                bad("a lambda gate with a url", edit(root -> gate(root, "preRollout").put("type", "lambda")
                        .put("functionArn", "arn:aws:lambda:eu-west-1:123456789012:function:gate")
                        .put("url", "https://gate.example")), "gates.preRollout.url"),
                bad("a webhook gate without a url", edit(root -> gate(root, "preStep").put("type", "webhook")),
                        "gates.preStep.url"),
                bad("a webhook gate over plain http", edit(root -> gate(root, "preStep").put("type", "webhook")
                        .put("url", "http://gate.example.com/orders")), "gates.preStep.url"),
                bad("a webhook gate on a host that only starts with localhost", edit(root -> gate(root, "preStep")
                        .put("type", "webhook").put("url", "http://localhost.example.com/")), "gates.preStep.url"),
                bad("a webhook gate that is not a URL", edit(root -> gate(root, "preStep").put("type", "webhook")
                        .put("url", "gate.example.com")), "gates.preStep.url"),
                bad("a manual gate with a url", edit(root -> gate(root, "prePromotion").put("type", "manual")
                        .put("url", "https://gate.example")), "gates.prePromotion.url"),
                bad("an unknown gate", edit(root -> gate(root, "beforeStep").put("type", "manual")),
                        "gates.beforeStep"),
                bad("a gate timeout of 0 s", edit(root -> gate(root, "preStep").put("type", "webhook")
                        .put("url", "https://gate.example").put("timeoutSeconds", 0)), "gates.preStep.timeoutSeconds"),
                bad("a gate timeout the steps function cannot wait for", edit(root -> gate(root, "preRollout")
                        .put("type", "lambda").put("functionArn", "arn:aws:lambda:eu-west-1:123456789012:function:gate")
                        .put("timeoutSeconds", 46)), "gates.preRollout.timeoutSeconds"),
                bad("a manual gate with a timeout", edit(root -> gate(root, "prePromotion").put("type", "manual")
                        .put("timeoutSeconds", 30)), "gates.prePromotion.timeoutSeconds"),
                bad("a lambda gate with headers", edit(root -> gate(root, "preRollout").put("type", "lambda")
                        .put("functionArn", "arn:aws:lambda:eu-west-1:123456789012:function:gate")
                        .putObject("headers").putObject("Authorization").put("ssmParameter", "/meshcanary/secrets/t")),
                        "gates.preRollout.headers"),
                bad("a header secret that names no parameter", edit(root -> gate(root, "preStep")
                        .put("type", "webhook").put("url", "https://gate.example").putObject("headers")
                        .putObject("Authorization")), "gates.preStep.headers.Authorization.ssmParameter"),
                bad("a header secret given in clear", edit(root -> gate(root, "preStep").put("type", "webhook")
                        .put("url", "https://gate.example").putObject("headers").put("Authorization", "Bearer t")),
                        "gates.preStep.headers.Authorization"),
                bad("a header name that is no HTTP token", edit(root -> gate(root, "preStep").put("type", "webhook")
                        .put("url", "https://gate.example").putObject("headers").putObject("Auth token")
                        .put("ssmParameter", "/meshcanary/secrets/t")), "gates.preStep.headers"),
                // timeouts
                bad("a gate timeout of 0", edit(root -> timeouts(root).put("gateSeconds", 0)), "timeouts.gateSeconds"),
                bad("a capacity timeout over a day", edit(root -> timeouts(root).put("capacitySeconds", 86_401)),
                        "timeouts.capacitySeconds"),
                bad("an unknown timeout", edit(root -> timeouts(root).put("stepSeconds", 60)), "timeouts.stepSeconds"),
                bad("a capacity poll of 0 s", edit(root -> timeouts(root).put("capacityPollSeconds", 0)),
                        "timeouts.capacityPollSeconds"),
                bad("a capacity poll too frequent for a day's wait", edit(root -> timeouts(root)
                        .put("capacitySeconds", 86_400).put("capacityPollSeconds", 95)),
                        "timeouts.capacityPollSeconds"));
    }

    @ParameterizedTest(name = "{0} is rejected naming {1}")
    @MethodSource("badSpecs")
    void badSpecIsRejectedNamingTheExactPath(String document, String field) {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> CanarySpec.parse(document));

        assertThat(error).as("rejection of %s", document).isNotNull();
        assertThat(error.field()).isEqualTo(field);
        assertThat(error).hasMessageStartingWith(field + ": ");
        assertThat(error.problem()).isNotBlank().doesNotContain("$.", "/properties/", "#/");
    }

    static Stream<Arguments> plainWords() {
        return Stream.of(
                said(edit(root -> router(root).put("type", "lattice")),
                        "router.type: must be one of \"appmesh\", \"alb\", \"vpc-lattice\", was \"lattice\""),
                said(edit(root -> router(root).remove("mesh")), "router.mesh: is required"),
                said(edit(root -> router(root).put("mesh", " ")), "router.mesh: must not be blank"),
                said(edit(root -> node(root).put("port", "8080")),
                        "router.virtualNode.port: must be an integer, was \"8080\""),
                said(edit(root -> node(root).put("port", 0)),
                        "router.virtualNode.port: must be between 1 and 65535, was 0"),
                said(edit(root -> root.put("intervalSecond", 60)), "intervalSecond: is not a known field here; "
                        + "the fields are $schema, mode, router, canary, steps, intervalSeconds, analysis, gates,"
                        + " timeouts"),
                said(edit(root -> steps(root).putArray("weights").add(10).add(50).add(20)),
                        "steps.weights[2]: must be greater than the weight before it (50), was 20"),
                said(edit(root -> steps(root).put("stepWeight", 10).put("maxWeight", 50)),
                        "steps: needs either weights, or stepWeight and maxWeight, but not both"),
                said(edit(root -> root.putObject("steps").put("stepWeight", 10)),
                        "steps.maxWeight: is required together with stepWeight"),
                said(edit(root -> analysis(root).putArray("alarms").add("a").add("a")),
                        "analysis.alarms: lists \"a\" more than once"),
                said(edit(root -> check(root).remove("max")), "analysis.metrics[0]: needs min, max or both"),
                said(edit(root -> query(root, 0).put("returnData", true)), "analysis.metrics[0].queries: has 2 queries "
                        + "with returnData true (errors, rate); set returnData false on all but one"),
                said(edit(root -> check(root).put("periodSeconds", 45)),
                        "analysis.metrics[0].periodSeconds: must be 1, 5, 10, 30 or a multiple of 60"),
                said(edit(root -> check(root).put("minSamples", 6)), "analysis.metrics[0].minSamples: "
                        + "can never be met: a 300 s window holds at most 5 datapoints of 60 s, and minSamples is 6"),
                said(edit(root -> metric(root).withObjectProperty("dimensions").put("VirtualNode", "{{pod}}")),
                        "analysis.metrics[0].queries[0].metric.dimensions.VirtualNode: uses the unknown placeholder "
                                + "{{pod}}; the placeholders are {{app}}, {{service}}, {{track}}, {{virtualNode}}, "
                                + "{{cluster}}, {{mesh}}, {{loadBalancer}}, {{targetGroup}}, {{latticeService}}"),
                said(edit(root -> gate(root, "preStep").put("type", "webhook").put("url", "http://gate.example.com")),
                        "gates.preStep.url: must be an https URL; "
                                + "plain http is allowed only for localhost and 127.0.0.1"),
                said(edit(root -> gate(root, "prePromotion").put("type", "manual").put("url", "https://gate.example")),
                        "gates.prePromotion.url: does not belong to this type of gate"),
                said(edit(root -> timeouts(root).put("promotionSeconds", 9_001).put("capacityPollSeconds", 1)),
                        "timeouts.capacityPollSeconds: must be at least 11, was 1: a wait of 9001 s may poll at most"
                                + " 900 times, or the execution's history outgrows Step Functions' limit"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("plainWords")
    void rejectionSaysWhatIsWrongInPlainWords(String document, String message) {
        assertThat(catchThrowableOfType(InvalidSpecException.class, () -> CanarySpec.parse(document)))
                .hasMessage(message);
    }

    private static Arguments bad(String problem, String document, String field) {
        return Arguments.of(named(problem, document), field);
    }

    private static Arguments said(String document, String message) {
        return Arguments.of(document, message);
    }

    /** The example spec with one thing changed, so that each bad spec is wrong in exactly one field. */
    static String edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(SampleFiles.read(SampleFiles.ORDERS_SPEC));
            change.accept(root);
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the example spec is not JSON", e);
        }
    }

    private static ObjectNode router(ObjectNode root) {
        return root.withObjectProperty("router");
    }

    private static ObjectNode node(ObjectNode root) {
        return router(root).withObjectProperty("virtualNode");
    }

    private static ObjectNode steps(ObjectNode root) {
        return root.withObjectProperty("steps");
    }

    private static ObjectNode analysis(ObjectNode root) {
        return root.withObjectProperty("analysis");
    }

    /** The example's error-rate check: queries errors (metric), requests (metric) and rate (the expression). */
    private static ObjectNode check(ObjectNode root) {
        return (ObjectNode) analysis(root).withArrayProperty("metrics").get(0);
    }

    private static ObjectNode query(ObjectNode root, int index) {
        return (ObjectNode) ((ArrayNode) check(root).get("queries")).get(index);
    }

    private static ObjectNode metric(ObjectNode root) {
        return query(root, 0).withObjectProperty("metric");
    }

    private static ObjectNode gate(ObjectNode root, String name) {
        return root.withObjectProperty("gates").putObject(name);
    }

    private static ObjectNode timeouts(ObjectNode root) {
        return root.withObjectProperty("timeouts");
    }
}
