package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.cli.Run;
import io.meshcanary.local.demo.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * The native engine on Service Connect: the team's service is reached through its namespace alone, with no target
 * group, and deployed by ECS CANARY 20% with meshcanary's pause hook. ECS's proxies carry the weights, so the service
 * deployment's requested weights are where each step shows; meshcanary answers the pauses and creates no twin.
 */
class NativeServiceConnectEmulatorTest {

    /** ECS CANARY 20% with a minute's bake, as onboarding finds it before adding the pause hook. */
    private static final DeploymentConfiguration CANARY_20 = DeploymentConfiguration.builder()
            .strategy(DeploymentStrategy.CANARY).canaryConfiguration(canary -> canary.canaryPercent(20.0)
                    .canaryBakeTimeInMinutes(1))
            .bakeTimeInMinutes(1).build();

    @TempDir
    Path folder;

    /** The shop, its names and alarm; its ALB rule is not the service's: the service is not attached to it. */
    private static CanaryApp shop() {
        return new CanaryApp(Router.ALB);
    }

    @Test
    void aPassingRolloutContinuesEveryPauseAndEcsFinishesOnTheNewRevisionAtFullWeight() throws Exception {
        CanaryApp shop = shop();
        Connected app = new Connected(shop, spec(shop));
        String v2 = shop.registerRevision("orders:2");

        shop.deploy(v2);

        JsonNode promoted = shop.awaitRollout(v2, "SUCCEEDED");
        ServiceDeployment done = app.awaitStatus(ServiceDeploymentStatus.SUCCESSFUL);
        assertThat(promoted.path("deploymentId").asText()).isEqualTo(done.serviceDeploymentArn());
        assertThat(promoted.at("/weights/canary").asInt()).as("ECS's weights in the record").isEqualTo(100);
        assertThat(notes(promoted)).contains("ECS's pause at 0% answered CONTINUE (on to 20%)",
                "ECS's pause at 20% answered CONTINUE (on to 100%)",
                "ECS's pause at 100% answered CONTINUE (promoting)");
        assertThat(done.targetServiceRevision().requestedProductionTrafficWeight()).isEqualTo(100.0);
        assertThat(done.sourceServiceRevisions().getFirst().requestedProductionTrafficWeight()).isZero();
        assertThat(shop.service(shop.app).orElseThrow().taskDefinition()).isEqualTo(v2);
        assertThat(shop.service(shop.app + "-primary")).as("a twin").isEmpty();
    }

    @Test
    void aFailedCheckAnswersEcsRollbackAndEcsPutsTheWeightsAndTheServiceBack() throws Exception {
        CanaryApp shop = shop();
        ObjectNode spec = spec(shop);
        spec.withObjectProperty("analysis").put("threshold", 1).putArray("metrics")
                .add(NativeDeploymentReads.errorRateCheck(shop));
        Connected app = new Connected(shop, spec);
        String v1 = shop.service(shop.app).orElseThrow().taskDefinition();
        String v2 = shop.registerRevision("orders:2");
        shop.reportErrorRate(5.0);

        shop.deploy(v2);

        JsonNode failed = shop.awaitRollout(v2, "FAILED");
        assertThat(failed.path("reason").asText()).contains("error-rate");
        assertThat(notes(failed)).contains("ECS's pause at 20% answered ROLLBACK");
        ServiceDeployment rolledBack = app.awaitStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(rolledBack.statusReason()).contains("rolled back at lifecycle hook");
        assertThat(rolledBack.targetServiceRevision().requestedProductionTrafficWeight()).as("green's weight").isZero();
        assertThat(rolledBack.sourceServiceRevisions().getFirst().requestedProductionTrafficWeight())
                .as("blue's weight").isEqualTo(100.0);
        assertThat(shop.service(shop.app).orElseThrow().taskDefinition()).isEqualTo(v1);
        assertThat(shop.service(shop.app + "-primary")).as("a twin").isEmpty();
    }

    /** The native example at CANARY 20%'s grid: holds at 20 and 100, no manual gate, analysis every second. */
    private static ObjectNode spec(CanaryApp app) throws Exception {
        ObjectNode spec = NativeOnboardingEmulatorTest.nativeSpec(app);
        spec.putObject("steps").putArray("weights").add(20).add(100);
        spec.remove("gates");
        spec.put("intervalSeconds", 1);
        return spec;
    }

    private static List<String> notes(JsonNode record) {
        return StreamSupport.stream(record.path("history").spliterator(), false)
                .map(entry -> entry.path("note").asText()).toList();
    }

    /** The team's service on Service Connect in its shop's namespace, onboarded in the native mode. */
    private final class Connected {
        final CanaryApp app;

        Connected(CanaryApp app, ObjectNode spec) throws Exception {
            this.app = app;
            app.shop.createService(app.registerRevision("orders:1"), request -> request
                    .serviceConnectConfiguration(connect -> connect.enabled(true).namespace(app.shop.namespace)
                            .services(service -> service.portName("http").clientAliases(alias -> alias.port(8080))))
                    .deploymentConfiguration(CANARY_20));
            app.awaitFirstDeploymentHandled();
            Path file = Files.writeString(folder.resolve(app.app + ".canary.json"), spec.toString());
            Run onboard = Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec",
                    file.toString());
            assertThat(onboard.exitCode()).as(onboard.err()).isZero();
        }

        ServiceDeployment deployment() {
            return NativeDeploymentReads.onlyDeployment(app);
        }

        ServiceDeployment awaitStatus(ServiceDeploymentStatus status) {
            return NativeDeploymentReads.awaitStatus(app, status);
        }
    }
}
