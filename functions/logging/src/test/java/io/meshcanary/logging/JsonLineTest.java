package io.meshcanary.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/** The functions' log contract: one JSON object per event, the rollout's keys and the arguments as keys of it. */
class JsonLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-07T09:30:00Z");

    @Test
    void aLineCarriesTheRolloutKeysAndEachArgumentAsAKey() throws Exception {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("function_name", "NodeRegistryFunction");
        context.put("cold_start", "true");
        context.put("function_memory_size", "512");
        context.put("service", "orders");
        context.put("deployment", "ecs-svc/123");
        context.put("execution", "orders-123");

        JsonNode line = JSON.readTree(JsonLine.format(Level.INFO, "deployment handled",
                new Object[] {entry("action", "STARTED"), entry("ecsService", "arn:aws:ecs:svc/orders")}, null,
                context, List.of(new KeyValuePair("detailType", "Rollout Started")), AT));

        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("deployment handled");
        assertThat(line.path("timestamp").asText()).isEqualTo("2026-12-07T09:30:00.000Z");
        assertThat(line.path("service").asText()).isEqualTo("orders");
        assertThat(line.path("deployment").asText()).isEqualTo("ecs-svc/123");
        assertThat(line.path("execution").asText()).isEqualTo("orders-123");
        assertThat(line.path("action").asText()).isEqualTo("STARTED");
        assertThat(line.path("ecsService").asText()).isEqualTo("arn:aws:ecs:svc/orders");
        assertThat(line.path("detailType").asText()).isEqualTo("Rollout Started");
        assertThat(line.path("cold_start").isBoolean()).isTrue();
        assertThat(line.path("function_memory_size").asInt()).isEqualTo(512);
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void aPlaceholderTakesTheArgumentAndAnErrorBecomesAnObject() throws Exception {
        IllegalStateException error = new IllegalStateException("table \"rollouts\" unreachable\nretry later");

        String text = JsonLine.format(Level.ERROR, "rollout {} failed", new Object[] {"orders"}, error, Map.of(),
                List.of(), AT);
        JsonNode line = JSON.readTree(text);

        assertThat(text).doesNotContain("\n");
        assertThat(line.path("message").asText()).isEqualTo("rollout orders failed");
        assertThat(line.path("error").path("name").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(line.path("error").path("message").asText()).isEqualTo(error.getMessage());
        assertThat(line.path("error").path("stack").asText()).contains("JsonLineTest");
    }

    @Test
    void ownLoggersFollowTheConfiguredLevelAndLibrariesWriteOnlyWarnings() {
        assertThat(LogLevels.enabled("io.meshcanary.registry.NodeRegistry", Level.INFO)).isTrue();
        assertThat(LogLevels.enabled("io.meshcanary.registry.NodeRegistry", Level.DEBUG)).isFalse();
        assertThat(LogLevels.enabled("software.amazon.awssdk.request", Level.INFO)).isFalse();
        assertThat(LogLevels.enabled("software.amazon.awssdk.request", Level.WARN)).isTrue();
        assertThat(LogLevels.fromName("warning")).isEqualTo(Level.WARN);
    }

    @Test
    void theFluentApisPairsBecomeKeysOfTheLineOnStandardOutput() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger("io.meshcanary.resync.Resync").atWarn().addKeyValue("service", "shop/orders")
                    .log("resync could not check the service");
            LoggerFactory.getLogger("software.amazon.awssdk.request").info("not written");
        } finally {
            System.setOut(out);
        }

        assertThat(written.toString(StandardCharsets.UTF_8).lines()).as("the library's INFO line is not written")
                .hasSize(1);
        JsonNode line = JSON.readTree(written.toString(StandardCharsets.UTF_8));
        assertThat(line.path("message").asText()).isEqualTo("resync could not check the service");
        assertThat(line.path("service").asText()).isEqualTo("shop/orders");
        assertThat(line.path("level").asText()).isEqualTo("WARN");
    }
}
