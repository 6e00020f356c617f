package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.RolloutEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBridgeRolloutEventsTest {

    @Test
    void detailIsTheWholeEventWithAnIsoTimestamp() throws Exception {
        RolloutEvent event = new RolloutEvent(RolloutEvent.ROLLED_BACK, "shop/orders", "shop", "orders",
                "ecs-svc/4719802350938163742", "shop-orders-4719802350938163742", Phase.FAILED, 0,
                "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7", "AnalysisFailed: 1 failed (error-rate)",
                Instant.parse("2026-11-20T10:20:23.5Z"), null);

        JsonNode detail = new ObjectMapper().readTree(EventBridgeRolloutEvents.detail(event));

        assertThat(detail.path("type").asText()).isEqualTo("Rolled Back");
        assertThat(detail.path("execution").asText()).isEqualTo("shop-orders-4719802350938163742");
        assertThat(detail.path("phase").asText()).isEqualTo("FAILED");
        assertThat(detail.path("canaryWeight").asInt()).isZero();
        assertThat(detail.path("reason").asText()).isEqualTo("AnalysisFailed: 1 failed (error-rate)");
        assertThat(detail.path("at").asText()).isEqualTo("2026-11-20T10:20:23.500Z");
    }
}
