package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.cli.Run;
import io.meshcanary.local.StackResources;
import io.meshcanary.local.demo.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * {@code meshcanary onboard} checks what the spec names before it stores it: a spec that could never be rolled out is
 * refused by name (exit 2) and leaves no SSM parameter. {@code offboard} of an app that is not onboarded starts no
 * workflow execution.
 */
class OnboardChecksEmulatorTest {

    private static final String STATE_MACHINE = StackResources.ref("CanaryStateMachine");

    @TempDir
    Path folder;

    @Test
    void aClusterTheStackDoesNotManageIsRefusedAndNothingIsStored() throws Exception {
        CanaryApp app = existingService(Router.ALB);
        String payments = "payments-" + app.id;
        AWS.ecs.createCluster(request -> request.clusterName(payments));

        Run refused = onboard(app, payments, app.app, app.spec());

        assertRefusedAndNothingStored(refused, payments, app.app, "cluster " + payments, "manages");
    }

    @Test
    void aServiceThatDoesNotExistIsRefusedAndNothingIsStored() throws Exception {
        CanaryApp app = new CanaryApp(Router.ALB);

        Run refused = onboard(app, app.cluster, "does-not-exist", app.spec());

        assertRefusedAndNothingStored(refused, app.cluster, "does-not-exist", "service does-not-exist", app.cluster);
    }

    @Test
    void anAlbTargetGroupThatDoesNotExistIsRefusedAndNothingIsStored() throws Exception {
        CanaryApp app = existingService(Router.ALB);
        ObjectNode spec = app.spec();
        String missing = otherId(spec.path("router").path("targetGroupArn").asText());

        Run refused = onboard(app, app.cluster, app.app, withRouter(spec, "targetGroupArn", missing));

        assertRefusedAndNothingStored(refused, app.cluster, app.app, "router.targetGroupArn", missing);
    }

    @Test
    void anAlbRuleThatDoesNotForwardToTheSpecsTargetGroupIsRefusedAndNothingIsStored() throws Exception {
        CanaryApp app = existingService(Router.ALB);
        ObjectNode spec = app.spec();
        TargetGroup own = AWS.elb.describeTargetGroups(request -> request.targetGroupArns(
                spec.path("router").path("targetGroupArn").asText())).targetGroups().getFirst();
        String other = AWS.elb.createTargetGroup(request -> request.name("other-" + app.id).protocol("HTTP")
                .port(8080).vpcId(own.vpcId()).targetType(own.targetType())).targetGroups().getFirst()
                .targetGroupArn();

        Run refused = onboard(app, app.cluster, app.app, withRouter(spec, "targetGroupArn", other));

        assertRefusedAndNothingStored(refused, app.cluster, app.app, "router.ruleArn", "does not forward to", other);
    }

    @Test
    void anAlbRuleThatDoesNotExistIsRefusedAndNothingIsStored() throws Exception {
        CanaryApp app = existingService(Router.ALB);
        ObjectNode spec = app.spec();
        String missing = otherId(spec.path("router").path("ruleArn").asText());

        Run refused = onboard(app, app.cluster, app.app, withRouter(spec, "ruleArn", missing));

        assertRefusedAndNothingStored(refused, app.cluster, app.app, "router.ruleArn", missing);
    }

    @Test
    void aLatticeRuleOfAnotherListenerIsRefusedAndNothingIsStored() throws Exception {
        CanaryApp app = existingService(Router.VPC_LATTICE);

        Run refused = onboard(app, app.cluster, app.app, withRouter(app.spec(), "rule", "rule-0123456789abcdef0"));

        assertRefusedAndNothingStored(refused, app.cluster, app.app, "router.rule", "rule-0123456789abcdef0");
    }

    @Test
    void anAppMeshRouteThatDoesNotExistIsRefusedAndNothingIsStored() throws Exception {
        CanaryApp app = existingService(Router.APP_MESH);

        Run refused = onboard(app, app.cluster, app.app, withRouter(app.spec(), "route", "no-such-route"));

        assertRefusedAndNothingStored(refused, app.cluster, app.app, "router.route", "no-such-route");
    }

    @Test
    void aSpecWhoseResourcesAllExistIsStored() throws Exception {
        CanaryApp app = existingService(Router.VPC_LATTICE);

        Run onboard = onboard(app, app.cluster, app.app, app.spec());

        assertThat(onboard.exitCode()).as(onboard.out() + onboard.err()).isZero();
        assertThat(CanaryApp.storedSpec(app.cluster, app.app)).isNotNull();
    }

    /** The way a team onboards: its service runs first, and its next deployments are the bootstrap and a rollout. */
    @Test
    void aRunningServiceOnboardedIsBootstrappedAndRolledOutByItsNextDeployments() throws Exception {
        CanaryApp app = existingService(Router.ALB);
        app.awaitFirstDeploymentHandled();

        Run onboard = onboard(app, app.cluster, app.app, app.spec());

        assertThat(onboard.exitCode()).as(onboard.out() + onboard.err()).isZero();
        String v1 = app.registerRevision("orders:1");
        app.deploy(v1);
        app.awaitRollout(v1, "SUCCEEDED");
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitRollout(v2, "SUCCEEDED");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
    }

    @Test
    void offboardOfAnAppThatIsNotOnboardedStartsNoExecution() {
        CanaryApp app = existingService(Router.ALB);

        Run refused = Run.cli("offboard", app.service());

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("no app " + app.service() + " is onboarded");
        assertThat(executions()).as("offboard executions of " + app.app)
                .noneMatch(execution -> execution.name().contains(app.app));
    }

    /**
     * A spec stored by hand ({@code aws ssm put-parameter}) gets none of onboard's checks: status says why the app was
     * never rolled out, where it showed "unreadable" with a reason about reconciling the route.
     */
    @Test
    void statusSaysWhyAnAppStoredByHandWasNeverRolledOut() throws Exception {
        CanaryApp app = new CanaryApp();
        AWS.ssm.putParameter(request -> request.name(Shop.SPEC_PREFIX + "/" + app.cluster + "/does-not-exist")
                .type("String").value(app.spec().toString()));
        String name = app.cluster + "/does-not-exist";

        Run table = Run.cli("status", name);
        Run json = Run.cli("status", name, "--output", "json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("NONE").doesNotContain("unreadable")
                .contains("never rolled out: service does-not-exist does not exist in cluster " + app.cluster);
        assertThat(json.out()).contains("never rolled out: service does-not-exist does not exist");
    }

    /** The team's service, running before it is onboarded, as onboarding expects. */
    private static CanaryApp existingService(Router router) {
        CanaryApp app = new CanaryApp(router);
        app.createService(app.registerRevision("orders:1"));
        return app;
    }

    private static ObjectNode withRouter(ObjectNode spec, String field, String value) {
        ((ObjectNode) spec.path("router")).put(field, value);
        return spec;
    }

    /** The ARN with another resource ID at its end: the same kind of resource, one that does not exist. */
    private static String otherId(String arn) {
        return arn.replaceFirst("/[0-9a-f]+$", "/0123456789abcdef");
    }

    private static void assertRefusedAndNothingStored(Run refused, String cluster, String service, String... named) {
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains(named).contains("nothing was stored");
        assertThat(CanaryApp.storedSpec(cluster, service)).as("the spec parameter").isNull();
    }

    private Run onboard(CanaryApp app, String cluster, String service, ObjectNode spec) throws Exception {
        Path file = Files.writeString(folder.resolve(app.id + ".canary.json"), spec.toString());
        return Run.cli("onboard", "--cluster", cluster, "--service", service, "--spec", file.toString());
    }

    private static List<ExecutionListItem> executions() {
        return AWS.sfn.listExecutionsPaginator(request -> request.stateMachineArn(STATE_MACHINE)).executions()
                .stream().toList();
    }
}
