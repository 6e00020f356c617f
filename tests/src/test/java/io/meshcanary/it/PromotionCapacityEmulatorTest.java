package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;

/**
 * Promotion moves the primary twin to the new revision while the twin still holds its share of the traffic. ECS
 * replaces the twin's tasks within its deployment configuration, which the twin copied from a team that saves cost by
 * replacing its tasks in place (minimum healthy 0 %, maximum 100 %). The weights and the healthy targets of every
 * group are sampled through the rollout: no moment may leave weight on a group with no healthy target.
 */
class PromotionCapacityEmulatorTest {

    private static final Duration SAMPLE_PAUSE = Duration.ofMillis(50);

    @Test
    void promotionNeverLeavesWeightOnAPrimaryWithNoHealthyTarget() throws InterruptedException {
        CanaryApp app = new CanaryApp(Router.ALB);
        AlbRule rule = (AlbRule) app.router;
        app.onboard(app.spec());
        String v1 = app.registerRevision("orders:1");
        app.shop.createService(v1, request -> request.loadBalancers(LoadBalancer.builder()
                        .targetGroupArn(rule.targetGroup).containerName("orders").containerPort(8080).build())
                .deploymentConfiguration(config -> config.minimumHealthyPercent(0).maximumPercent(100)));
        app.awaitRollout(v1, "SUCCEEDED");
        app.reportErrorRate(0.2);

        String v2 = app.registerRevision("orders:2");
        List<Map<String, Sample>> samples;
        try (Changes<Map<String, Sample>> watcher = Changes.watch(() -> sample(rule), SAMPLE_PAUSE)) {
            app.deploy(v2);
            app.awaitRollout(v2, "SUCCEEDED");
            samples = watcher.seen();
        }

        assertThat(samples).as("the promotion was seen").hasSizeGreaterThan(2);
        assertThat(samples).allSatisfy(groups -> groups.forEach((group, sample) -> {
            if (sample.weight() > 0) {
                assertThat(sample.healthy()).as("healthy targets of %s while it has weight %d: %s", group,
                        sample.weight(), groups).isPositive();
            }
        }));
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
    }

    /** Each of the app's groups on the rule (the team's legacy group aside): its weight and healthy targets. */
    private static Map<String, Sample> sample(AlbRule rule) {
        Map<String, Sample> groups = new TreeMap<>();
        rule.weights().forEach((group, weight) -> {
            if (!group.equals(rule.legacyTargetGroup)) {
                groups.put(group, new Sample(weight, rule.healthyTargets(group)));
            }
        });
        return groups;
    }

    private record Sample(int weight, int healthy) {
    }
}
