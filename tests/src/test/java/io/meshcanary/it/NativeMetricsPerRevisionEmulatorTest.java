package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.cli.Run;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.AlbTraffic;
import io.meshcanary.local.demo.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * A native rollout's metric checks on {@code {{targetGroup}}} and {@code {{loadBalancer}}}: ECS runs both revisions in
 * the team's one service behind its ALB rule, each in its own target group, and the check of the new revision reads
 * the group ECS registered it in (the load balancer's alternate), not the one blue serves from.
 */
class NativeMetricsPerRevisionEmulatorTest {

    @TempDir
    Path folder;

    @Test
    void theErrorRateOfGreensOwnTargetGroupFailsTheReleaseWhileBluesIsLow() throws Exception {
        CanaryApp shop = new CanaryApp(Router.ALB);
        AlbRule rule = (AlbRule) shop.router;
        NativeOnboardingEmulatorTest.createNativeService(shop, NativeOnboardingEmulatorTest.LINEAR_10);
        String v1 = shop.service(shop.app).orElseThrow().taskDefinition();
        String green = shop.service(shop.app).orElseThrow().loadBalancers().getFirst().advancedConfiguration()
                .alternateTargetGroupArn();
        ObjectNode spec = NativeOnboardingEmulatorTest.nativeSpec(shop).put("intervalSeconds", 1);
        spec.withObjectProperty("analysis").put("threshold", 1).putArray("metrics").add(exampleErrorRate());
        Path file = Files.writeString(folder.resolve(shop.app + ".canary.json"), spec.toString());
        Run onboard = Run.cli("onboard", "--cluster", shop.cluster, "--service", shop.app, "--spec", file.toString());
        assertThat(onboard.exitCode()).as(onboard.err()).isZero();
        AlbTraffic traffic = new AlbTraffic(shop.shop, rule);
        Instant thisMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int minutesAgo = 1; minutesAgo <= 4; minutesAgo++) {
            Instant minute = thisMinute.minus(minutesAgo, ChronoUnit.MINUTES);
            traffic.served(rule.targetGroup, minute, 100, 0, 0.05);
            traffic.served(green, minute, 100, 20, 0.05);
        }
        String v2 = shop.registerRevision("orders:2");

        shop.deploy(v2);

        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(failed.path("reason").asText()).contains("failed (error-rate)");
        assertThat(failed.path("history").toString()).as("green's 20%, read from its own group")
                .contains("mean 20 of", "is above max 1").contains("ECS's pause at 10% answered ROLLBACK");
        ServiceDeployment rolledBack = NativeDeploymentReads.awaitStatus(shop,
                ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains("rolled back at lifecycle hook");
        assertThat(shop.service(shop.app).orElseThrow().taskDefinition()).isEqualTo(v1);
    }

    /** The ALB example's error rate, over {@code {{loadBalancer}}} and {@code {{targetGroup}}}. */
    private static JsonNode exampleErrorRate() throws Exception {
        JsonNode example = SampleEvents.JSON.readTree(SampleEvents.repositoryRoot()
                .resolve("examples/orders-alb.canary.json").toFile());
        for (JsonNode check : example.at("/analysis/metrics")) {
            if (check.path("name").asText().equals("error-rate")) {
                return check;
            }
        }
        throw new AssertionError("the ALB example has no error-rate check");
    }
}
