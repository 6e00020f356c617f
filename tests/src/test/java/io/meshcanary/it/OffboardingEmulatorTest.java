package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.it.CanaryWorkflow.Outcome;
import io.meshcanary.local.demo.Router;
import io.meshcanary.local.demo.TargetGroupRule;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Offboarding through a manual execution, after a bootstrap and a rollout: the team's service, route or rule and
 * scaling are back as the team had them, and the twin and what meshcanary made for it are gone.
 */
@Order(8) // among the longest classes: started early (junit-platform.properties)
class OffboardingEmulatorTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Router.class)
    void offboardingGivesTheServiceRouteAndScalingBackAndRemovesTheTwin(Router router) {
        CanaryApp app = new CanaryApp(router);
        if (router == Router.APP_MESH) {
            app.shop.routeToTeamNode(8080);
        }
        Object teams = teamsRoute(app);
        String team = app.createScaledService(app.registerRevision("orders:1"), 1, 4);
        app.onboard(app.spec());
        app.reportErrorRate(0.2);
        String last = null;
        for (String image : List.of("orders:2", "orders:3")) {
            last = app.registerRevision(image);
            app.deploy(last);
            app.awaitRollout(last, "SUCCEEDED");
        }
        int twinCount = app.service(app.app + "-primary").orElseThrow().desiredCount();

        Outcome outcome = app.offboard("first");

        assertThat(outcome.status()).as("offboarding ended: %s", outcome).isEqualTo(ExecutionStatus.SUCCEEDED);
        Service service = app.service(app.app).orElseThrow();
        assertThat(service.taskDefinition()).isEqualTo(last);
        assertThat(service.desiredCount()).isEqualTo(twinCount);
        assertThat(teamsRoute(app)).as("the team's route or rule, as before onboarding").isEqualTo(teams);
        ScalableTarget scaling = CanaryApp.scalableTarget(team).orElseThrow();
        assertThat(scaling.minCapacity()).isEqualTo(1);
        assertThat(scaling.maxCapacity()).isEqualTo(4);
        assertThat(scaling.suspendedState().dynamicScalingOutSuspended()).isFalse();
        assertThat(app.service(app.app + "-primary")).isEmpty();
        assertThat(CanaryApp.scalableTarget(team + "-primary")).isEmpty();
        if (router == Router.APP_MESH) {
            assertThat(app.virtualNodes()).doesNotContain(app.app + "-primary", app.app + "-canary");
        } else {
            assertThat(((TargetGroupRule) app.router).primaryTargetGroupExists()).as("the twin's target group").isFalse();
        }
        assertThat(app.record().orElseThrow().path("phase").asText()).isEqualTo("OFFBOARDED");

        assertThat(app.offboard("again").status()).as("a second offboarding").isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(app.service(app.app).orElseThrow().desiredCount()).isEqualTo(twinCount);
    }

    /** The route's or rule's targets and their weights, as the team reads them. */
    private static Object teamsRoute(CanaryApp app) {
        return app.router instanceof TargetGroupRule rule ? rule.weights() : app.route();
    }
}
