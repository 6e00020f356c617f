package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.AlbTraffic;
import io.meshcanary.local.demo.Router;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The ALB example's error-rate check (examples/orders-alb.canary.json) on a healthy canary. ALB publishes no
 * HTTPCode_Target_5XX_Count datapoint for a minute without a 5xx, so an error rate over the raw metric has no value
 * at all, and the check would be inconclusive on exactly the canaries that should be promoted.
 */
@Order(10) // among the longest classes: started early (junit-platform.properties)
class AlbErrorRateEmulatorTest {

    @Test
    void healthyCanaryWithTrafficAndNo5xxIsPromotedOnTheExamplesErrorRate() throws IOException {
        CanaryApp app = new CanaryApp(Router.ALB);
        AlbRule rule = (AlbRule) app.router;
        ObjectNode spec = app.spec();
        ((ObjectNode) spec.get("analysis")).putArray("metrics").add(exampleCheck("error-rate"));
        app.bootstrap(spec);
        AlbTraffic traffic = new AlbTraffic(app.shop, rule);
        Instant thisMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int minutesAgo = 1; minutesAgo <= 4; minutesAgo++) {
            traffic.served(rule.targetGroup, thisMinute.minus(minutesAgo, ChronoUnit.MINUTES), 20, 0, 0.05);
        }
        String v2 = app.registerRevision("orders:2");

        app.deploy(v2);

        JsonNode rollout = app.awaitRollout(v2, "SUCCEEDED");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
        assertThat(rollout.path("history").toString()).doesNotContain("inconclusive");
        assertThat(AWS.cloudWatch.listMetrics(request -> request.namespace("AWS/ApplicationELB")
                        .metricName("HTTPCode_Target_5XX_Count")).metrics())
                .as("no 5xx datapoint was ever published for the canary").noneMatch(metric -> metric.dimensions()
                        .stream().anyMatch(dimension -> rule.targetGroup.endsWith(dimension.value())));
    }

    @Test
    void misspelledIdInTheErrorRateRollsTheCanaryBackNamingIt() throws IOException {
        CanaryApp app = new CanaryApp(Router.ALB);
        ObjectNode check = (ObjectNode) exampleCheck("error-rate");
        ((ObjectNode) check.get("queries").get(2)).put("expression", "100 * FILL(errors, 0) / requets");
        ObjectNode spec = app.spec();
        ((ObjectNode) spec.get("analysis")).putArray("metrics").add(check);
        String v1 = app.bootstrap(spec);
        String v2 = app.registerRevision("orders:2");

        app.deploy(v2);

        JsonNode rollout = app.awaitRollout(v2, "FAILED");
        assertThat(rollout.path("reason").asText()).contains("requets");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
        assertThat(app.canaryWeight()).isZero();
    }

    private static JsonNode exampleCheck(String name) throws IOException {
        JsonNode example = SampleEvents.JSON.readTree(SampleEvents.repositoryRoot()
                .resolve("examples/orders-alb.canary.json").toFile());
        for (JsonNode check : example.at("/analysis/metrics")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("the ALB example has no check named " + name);
    }
}
