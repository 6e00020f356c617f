package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.cli.Run;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;

/**
 * {@code meshcanary onboard} of a native spec against the local runtime: a team's service behind its ALB rule, which
 * ECS deploys LINEAR with an alternate target group and a smoke-test hook of the team's own. onboard adds meshcanary's
 * pause hook beside the team's, and refuses by name, storing nothing and writing nothing, a service ECS deploys
 * ROLLING and a weight its strategy never stops at.
 */
class NativeOnboardingEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeploymentLifecycleHook SMOKE_TEST = DeploymentLifecycleHook.builder()
            .targetType(DeploymentLifecycleHookTargetType.AWS_LAMBDA)
            .hookTargetArn("arn:aws:lambda:eu-west-1:123456789012:function:orders-smoke")
            .roleArn("arn:aws:iam::123456789012:role/orders-hooks")
            .lifecycleStages(DeploymentLifecycleHookStage.POST_SCALE_UP)
            .timeoutConfiguration(timeout -> timeout.timeoutInMinutes(15)
                    .action(DeploymentLifecycleHookAction.ROLLBACK))
            .build();
    static final DeploymentConfiguration LINEAR_10 = DeploymentConfiguration.builder()
            .strategy(DeploymentStrategy.LINEAR).linearConfiguration(linear -> linear.stepPercent(10.0)
                    .stepBakeTimeInMinutes(2))
            .bakeTimeInMinutes(5).alarms(alarms -> alarms.alarmNames("orders-5xx").enable(true).rollback(true))
            .lifecycleHooks(SMOKE_TEST).build();

    @TempDir
    Path folder;

    @Test
    void onboardAddsMeshcanarysPauseHookBesideTheTeamsOwnAndKeepsEveryOtherSetting() throws Exception {
        CanaryApp app = new CanaryApp(Router.ALB);
        createNativeService(app, LINEAR_10);

        Run onboard = onboard(app, nativeSpec(app));

        assertThat(onboard.exitCode()).as(onboard.err()).isZero();
        assertThat(onboard.out()).contains("native mode", "66 minutes, then ROLLBACK");
        assertThat(app.storedSpec()).isNotNull();
        DeploymentConfiguration configuration = app.service(app.app).orElseThrow().deploymentConfiguration();
        assertThat(configuration.toBuilder().lifecycleHooks(SMOKE_TEST).build()).isEqualTo(LINEAR_10);
        assertThat(configuration.lifecycleHooks()).hasSize(2).first().isEqualTo(SMOKE_TEST);
        DeploymentLifecycleHook pause = configuration.lifecycleHooks().get(1);
        assertThat(pause.targetType()).isEqualTo(DeploymentLifecycleHookTargetType.PAUSE);
        assertThat(pause.lifecycleStages()).containsExactly(DeploymentLifecycleHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT,
                DeploymentLifecycleHookStage.POST_PRODUCTION_TRAFFIC_SHIFT);
        assertThat(pause.timeoutConfiguration().timeoutInMinutes()).isEqualTo(66);
        assertThat(pause.timeoutConfiguration().action()).isEqualTo(DeploymentLifecycleHookAction.ROLLBACK);
        assertThat(pause.hookDetails()).isEqualTo(Document.mapBuilder().putString("managedBy", "meshcanary").build());

        Run again = onboard(app, nativeSpec(app));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(app.service(app.app).orElseThrow().deploymentConfiguration().lifecycleHooks())
                .as("onboarding again keeps one hook of meshcanary's").hasSize(2);
    }

    /** The flag that stored a native spec before the engine answered the hook is accepted and changes nothing. */
    @Test
    void theRetiredExperimentalFlagChangesNothing() throws Exception {
        CanaryApp app = new CanaryApp(Router.ALB);
        createNativeService(app, LINEAR_10);
        Path file = Files.writeString(folder.resolve(app.app + ".canary.json"), nativeSpec(app).toString());

        Run flagged = Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec", file.toString(),
                "--experimental-native");

        assertThat(flagged.exitCode()).as(flagged.err()).isZero();
        DeploymentConfiguration hooked = app.service(app.app).orElseThrow().deploymentConfiguration();
        String stored = app.storedSpec();
        assertThat(onboard(app, nativeSpec(app)).exitCode()).isZero();
        assertThat(app.service(app.app).orElseThrow().deploymentConfiguration()).isEqualTo(hooked);
        assertThat(app.storedSpec()).isEqualTo(stored);
    }

    @Test
    void offboardTakesOnlyMeshcanarysHookOffAndStartsNoWorkflow() throws Exception {
        CanaryApp app = new CanaryApp(Router.ALB);
        createNativeService(app, LINEAR_10);
        Run onboard = onboard(app, nativeSpec(app));
        assertThat(onboard.exitCode()).as(onboard.err()).isZero();

        Run offboard = Run.cli("offboard", app.app);

        assertThat(offboard.exitCode()).as(offboard.err()).isZero();
        assertThat(offboard.out()).contains("meshcanary's pause hook is off the service");
        assertThat(app.service(app.app).orElseThrow().deploymentConfiguration()).isEqualTo(LINEAR_10);
        assertThat(executionsAbout(app)).as("executions about the app").noneMatch(name -> name.startsWith("offboard-"));
    }

    /**
     * ECS's deployment event starts nothing; the deployment's first pause starts the one execution that answers it,
     * named after the service deployment, and no twin.
     */
    @Test
    void aDeploymentOfANativeAppStartsNoTwinWorkflowButOneExecutionAtItsFirstPause() throws Exception {
        CanaryApp app = new CanaryApp(Router.ALB);
        createNativeService(app, LINEAR_10);
        Run onboard = onboard(app, nativeSpec(app));
        assertThat(onboard.exitCode()).as(onboard.err()).isZero();

        app.deploy(app.registerRevision("orders:2"));

        // The first deployment, before onboarding, was handled as one of a service that is not onboarded.
        List<JsonNode> handled = Eventually.until(() -> FunctionLog.lines(line -> "deployment handled".equals(
                line.path("message").asText()) && line.path("ecsService").asText().endsWith("/" + app.app)
                && !"IGNORED_NOT_ONBOARDED".equals(line.path("action").asText())), lines -> !lines.isEmpty(),
                "the deployment of orders:2 to be handled");
        assertThat(handled).extracting(line -> line.path("action").asText()).startsWith("IGNORED_NATIVE");
        String deployment = Eventually.until(() -> AWS.ecs.listServiceDeployments(request -> request
                .cluster(app.cluster).service(app.app)).serviceDeployments(), found -> !found.isEmpty(),
                "the service deployment").getFirst().serviceDeploymentArn();
        String execution = app.cluster + "-" + app.app + "-" + deployment.substring(deployment.lastIndexOf('/') + 1);
        assertThat(Eventually.until(() -> executionsAbout(app), found -> !found.isEmpty(), "an execution"))
                .as("executions about the app").singleElement().asString().startsWith(execution + " ");
        assertThat(app.service(app.app + "-primary")).as("no twin").isEmpty();
    }

    @Test
    void aNativeSpecForARollingServiceIsRefusedByNameAndChangesNothing() throws Exception {
        CanaryApp app = new CanaryApp(Router.ALB);
        app.createService(app.registerRevision("orders:1"));
        DeploymentConfiguration before = app.service(app.app).orElseThrow().deploymentConfiguration();

        Run refused = onboard(app, nativeSpec(app));

        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("service " + app.app + " uses ECS's ROLLING deployment")
                .contains("LINEAR, CANARY or BLUE_GREEN").contains("\"mode\": \"twin\"").contains("nothing was stored");
        assertThat(app.storedSpec()).isNull();
        assertThat(app.service(app.app).orElseThrow().deploymentConfiguration()).isEqualTo(before);
    }

    @Test
    void aServiceWithTheTeamsOwnPauseBeforeEachTrafficStepIsRefusedByNameAndChangesNothing() throws Exception {
        CanaryApp app = new CanaryApp(Router.ALB);
        DeploymentLifecycleHook releaseTeamPause = DeploymentLifecycleHook.builder()
                .targetType(DeploymentLifecycleHookTargetType.PAUSE)
                .lifecycleStages(DeploymentLifecycleHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT)
                .hookDetails(Document.mapBuilder().putString("owner", "release-team").build())
                .timeoutConfiguration(timeout -> timeout.timeoutInMinutes(600).action(DeploymentLifecycleHookAction
                        .ROLLBACK)).build();
        DeploymentConfiguration paused = LINEAR_10.toBuilder().lifecycleHooks(SMOKE_TEST, releaseTeamPause).build();
        createNativeService(app, paused);

        Run refused = onboard(app, nativeSpec(app));

        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("service " + app.app + " has a PAUSE hook of its own where meshcanary's"
                + " pause hook stops: deploymentConfiguration.lifecycleHooks[1] (PRE_PRODUCTION_TRAFFIC_SHIFT)")
                .contains("move the team's pause to another stage").contains("nothing was stored");
        assertThat(app.storedSpec()).isNull();
        assertThat(app.service(app.app).orElseThrow().deploymentConfiguration()).isEqualTo(paused);
    }

    @Test
    void aWeightOffTheServicesGridIsNamedWithTheGridAndChangesNothing() throws Exception {
        CanaryApp app = new CanaryApp(Router.ALB);
        createNativeService(app, LINEAR_10);
        ObjectNode spec = nativeSpec(app);
        spec.putObject("steps").putArray("weights").add(10).add(25).add(100);

        Run refused = onboard(app, spec);

        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("steps.weights[1]: 25 is not a weight at which the service's LINEAR with"
                + " stepPercent 10 deployment stops; it stops at 10, 20, 30, 40, 50, 60, 70, 80, 90, 100")
                .contains("nothing was stored");
        assertThat(app.storedSpec()).isNull();
        assertThat(app.service(app.app).orElseThrow().deploymentConfiguration()).isEqualTo(LINEAR_10);
    }

    /**
     * A service that Service Connect alone reaches runs both revisions under one set of Service Connect metrics: a
     * check by target group could never tell them apart, so onboard names it and points to the app's own metric.
     */
    @Test
    void aServiceConnectServiceRefusesAChecksTargetGroupByNameAndChangesNothing() throws Exception {
        CanaryApp app = new CanaryApp(Router.ALB);
        app.shop.createService(app.registerRevision("orders:1"), request -> request.deploymentConfiguration(LINEAR_10)
                .serviceConnectConfiguration(connect -> connect.enabled(true).namespace(app.shop.namespace)
                        .services(service -> service.portName("http").clientAliases(alias -> alias.port(8080)))));
        app.awaitFirstDeploymentHandled();
        ObjectNode spec = nativeSpec(app);
        ObjectNode example = (ObjectNode) JSON.readTree(SampleEvents.repositoryRoot()
                .resolve("examples/orders-alb.canary.json").toFile());
        spec.withObjectProperty("analysis").set("metrics", example.path("analysis").path("metrics"));

        Run refused = onboard(app, spec);

        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("analysis.metrics[0]: uses {{loadBalancer}}, which service " + app.app
                + " cannot supply: Service Connect alone reaches it").contains("revision dimension")
                .contains("nothing was stored");
        assertThat(app.storedSpec()).isNull();
        assertThat(app.service(app.app).orElseThrow().deploymentConfiguration()).isEqualTo(LINEAR_10);
    }

    /** The team's service behind its rule, with the alternate target group ECS moves the new revision's share to. */
    static void createNativeService(CanaryApp app, DeploymentConfiguration deployment) {
        LoadBalancer balancer = ((AlbRule) app.router).nativeLoadBalancer();
        app.shop.createService(app.registerRevision("orders:1"), request -> request.loadBalancers(balancer)
                .deploymentConfiguration(deployment));
        app.awaitFirstDeploymentHandled();
    }

    /** The native example in this app's names: holds at 10 and 30, and before promotion for a manual approval. */
    static ObjectNode nativeSpec(CanaryApp app) throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree(SampleEvents.repositoryRoot()
                .resolve("examples/orders-native.canary.json").toFile());
        spec.withObjectProperty("analysis").putArray("alarms").add(app.alarm);
        return spec;
    }

    private Run onboard(CanaryApp app, ObjectNode spec) throws Exception {
        Path file = Files.writeString(folder.resolve(app.app + ".canary.json"), spec.toString());
        return Run.cli("onboard", "--cluster", app.cluster, "--service", app.app, "--spec", file.toString());
    }

    private static List<String> executionsAbout(CanaryApp app) {
        return AWS.sfn.listExecutionsPaginator(request -> request.stateMachineArn(CanaryWorkflow.STATE_MACHINE))
                .executions().stream().map(execution -> execution.name() + " " + execution.statusAsString())
                .filter(name -> name.contains(app.app)).toList();
    }
}
