package io.meshcanary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.testing.SampleFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MetricCheckTest {

    private static final MetricCheck ERROR_RATE =
            CanarySpec.parse(SampleFiles.read(SampleFiles.ORDERS_SPEC)).analysis().metrics().getFirst();
    private static final AppMeshRouter ROUTER = (AppMeshRouter) CanarySpec.parse(
            SampleFiles.read(SampleFiles.ORDERS_SPEC)).router();
    private static final Map<String, String> CANARY = Placeholders.values(new TrackedService("orders", Track.CANARY),
            "shop", new AppMeshRouter("shop-mesh", ROUTER.virtualRouter(), ROUTER.route(), ROUTER.cloudMap(),
                    ROUTER.virtualNode()));

    @Test
    void resolveFillsThePlaceholdersOfEveryQueryForTheTrack() {
        MetricCheck resolved = ERROR_RATE.resolve(CANARY);

        assertThat(resolved.queries()).extracting(query -> query.metric().map(MetricStat::dimensions))
                .containsExactly(
                        Optional.of(Map.of("Mesh", "shop-mesh", "VirtualNode", "orders-canary")),
                        Optional.of(Map.of("Mesh", "shop-mesh", "VirtualNode", "orders-canary")),
                        Optional.empty());
        assertThat(resolved.sampled().expression()).contains("100 * FILL(errors, 0) / requests");
        assertThat(resolved).usingRecursiveComparison().ignoringFields("queries").isEqualTo(ERROR_RATE);
    }

    @Test
    void resolveLeavesTheSpecAsItWas() {
        ERROR_RATE.resolve(CANARY);

        assertThat(ERROR_RATE.queries().getFirst().metric().orElseThrow().dimensions())
                .containsEntry("VirtualNode", "{{virtualNode}}");
    }

    @Test
    void resolveFillsExpressionNamespaceAndMetricName() {
        MetricQuery query = new MetricQuery("latency", Optional.empty(), Optional.of(new MetricStat(
                "{{app}}/{{track}}", "{{service}}-p99", Map.of("Cluster", "{{cluster}}"), "p99")), true);
        MetricQuery expression = new MetricQuery("share", Optional.of("latency / {{mesh}}"), Optional.empty(), true);

        assertThat(query.resolve(CANARY).metric()).contains(
                new MetricStat("orders/canary", "orders-p99", Map.of("Cluster", "shop"), "p99"));
        assertThat(expression.resolve(CANARY).expression()).contains("latency / shop-mesh");
    }

    @Test
    void valuesAreInsertedLiterallyEvenWithRegexCharacters() {
        MetricQuery query = new MetricQuery("q", Optional.of("SEARCH('{{app}}')"), Optional.empty(), true);

        assertThat(query.resolve(Map.of("app", "a$1\\b")).expression()).contains("SEARCH('a$1\\b')");
    }

    @Test
    void resolvingWithoutAValueForAUsedPlaceholderNamesIt() {
        assertThatThrownBy(() -> ERROR_RATE.resolve(Map.of("mesh", "shop")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{{virtualNode}}");
    }

    @Test
    void aCheckBuiltInCodeNamesItsOwnFields() {
        MetricQuery rate = new MetricQuery("rate", Optional.of("1"), Optional.empty(), true);

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> new MetricCheck(
                "rate", List.of(rate), OptionalDouble.of(5), OptionalDouble.of(1), 1, 60, 300));

        assertThat(error.field()).isEqualTo("max");
        assertThat(error.under("analysis.metrics[3]").field()).isEqualTo("analysis.metrics[3].max");
    }

    @Test
    void sampledIsTheQueryThatReturnsData() {
        assertThat(ERROR_RATE.sampled().id()).isEqualTo("rate");
    }

    @Test
    void webhookGateRefusesPlainHttpToAnotherHostEvenWhenBuiltInCode() {
        assertThatThrownBy(() -> Gate.webhook("http://gate.example.com/"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("url: ");
        assertThatThrownBy(() -> new Gate(GateType.MANUAL, "https://gate.example.com/"))
                .isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> new Gate(GateType.LAMBDA, null))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("functionArn: is required for a lambda gate");
    }

    @Test
    void gateTimeoutIsBoundedEvenWhenBuiltInCode() {
        String function = "arn:aws:lambda:eu-west-1:123456789012:function:gate";
        assertThatThrownBy(() -> new Gate(GateType.LAMBDA, function, 0))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("timeoutSeconds: must be 1 to 45, was 0");
        assertThatThrownBy(() -> new Gate(GateType.WEBHOOK, "https://gate.example.com/", 46))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("timeoutSeconds: must be 1 to 45, was 46");
        assertThatThrownBy(() -> new Gate(GateType.MANUAL, null, 10))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("timeoutSeconds: ");
    }
}
