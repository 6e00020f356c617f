package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.local.StackResources;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The rollout table's history of ended rollouts, as the functions write it and {@code meshcanary history} reads it. */
class DynamoRolloutStoreEmulatorTest {

    private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");

    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
            .httpClient(UrlConnectionHttpClient.create()).build();
    private final RolloutStore store = new DynamoRolloutStore(dynamo, StackResources.ref("RolloutTable"));
    private final String app = "history-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void historyKeepsTheNewestRolloutsAndDropsTheOldestBeyondItsBound() {
        int rollouts = RolloutStore.KEPT_SUMMARIES + 2;
        for (int i = 0; i < rollouts; i++) {
            Instant at = START.plusSeconds(60L * i);
            Rollout started = Rollout.start("shop", app, "ecs-svc/" + i, app + "-" + i, false,
                    "arn:aws:ecs:us-east-1:123456789012:task-definition/" + app + ":" + (i + 2),
                    "arn:aws:ecs:us-east-1:123456789012:task-definition/" + app + ":" + (i + 1), "{}", at);
            store.save(started);
            store.save(started.moveTo(Phase.SUCCEEDED, "promoted", at.plusSeconds(30)));
        }

        List<RolloutSummary> kept = store.ended(Rollout.key("shop", app));

        assertThat(kept).hasSize(RolloutStore.KEPT_SUMMARIES);
        assertThat(kept.getFirst().execution()).isEqualTo(app + "-" + (rollouts - 1));
        assertThat(kept.getLast().execution()).isEqualTo(app + "-2");
        assertThat(kept).extracting(RolloutSummary::execution).doesNotContain(app + "-0", app + "-1");
    }
}
