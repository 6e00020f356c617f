package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.PRIMARY_SERVICE;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_6;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_8;
import static io.meshcanary.testing.SampleSpecs.ALB_TARGET_GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same workflow steps behind a load balancer's rule instead of an App Mesh route: only the router section of
 * the spec differs, and ECS, not the node registry, puts each track's tasks behind the router.
 */
class LoadBalancedRolloutTest {

    private static final String EXECUTION = "shop-orders-4719802350938163742";
    private static final String DEPLOYMENT = "ecs-svc/4719802350938163742";
    private static final String OTHER_TARGET_GROUP = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
            + "targetgroup/payments/0f1e2d3c4b5a6978";

    private final RolloutFakes fakes = RolloutFakes.empty();
    private final RolloutSteps steps = fakes.steps();
    private final RolloutContext context = new RolloutContext(CLUSTER, APP, EXECUTION,
            CanarySpec.parse(SampleSpecs.ordersBehindAlb()));

    @Test
    void bootstrapAttachesTheTwinToATargetGroupOfItsOwnAndCreatesNoMeshNodes() {
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_7, 2, List.of(ALB_TARGET_GROUP));

        Plan plan = steps.initialize(context, DEPLOYMENT, SampleSpecs.ordersBehindAlb());

        assertThat(plan.bootstrap()).isTrue();
        assertThat(fakes.router().reconciled()).containsExactly(APP);
        assertThat(fakes.ecs().calls()).containsExactly(
                "createPrimaryTwin shop/orders %s on %s-primary".formatted(TASK_DEFINITION_7, ALB_TARGET_GROUP));
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).targetGroups())
                .containsExactly(ALB_TARGET_GROUP + "-primary");
        assertThat(fakes.mesh().created()).isEmpty();
    }

    @Test
    void aTwinMadeUnderAppMeshIsAttachedToItsGroupByABootstrapThatKeepsItsRevision() {
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 0, List.of(ALB_TARGET_GROUP))
                .given(CLUSTER, PRIMARY_SERVICE, TASK_DEFINITION_7, 2);
        fakes.store().given(Rollout.start(CLUSTER, APP, "ecs-svc/1", "shop-orders-1", false, TASK_DEFINITION_7,
                TASK_DEFINITION_6, SampleSpecs.orders(), RolloutFakes.START).moveTo(Phase.SUCCEEDED, "promoted",
                RolloutFakes.START));

        Plan plan = steps.initialize(context, DEPLOYMENT, SampleSpecs.ordersBehindAlb());

        assertThat(plan.bootstrap()).isTrue();
        assertThat(fakes.ecs().calls()).containsExactly(
                "attachPrimaryTwin shop/orders on %s-primary".formatted(ALB_TARGET_GROUP));
        Rollout moving = fakes.store().find("shop/orders").orElseThrow();
        assertThat(moving.canaryTaskDefinition()).isEqualTo(TASK_DEFINITION_7);
        assertThat(moving.primaryTaskDefinition()).isEqualTo(TASK_DEFINITION_7);
        assertThat(steps.capacityReady(context, Track.PRIMARY, fakes.clock().instant())).isTrue();
    }

    @Test
    void aTwinAttachedAlreadyRollsOutAsUsual() {
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 0, List.of(ALB_TARGET_GROUP))
                .given(CLUSTER, PRIMARY_SERVICE, TASK_DEFINITION_7, 2, List.of(ALB_TARGET_GROUP + "-primary"));

        Plan plan = steps.initialize(context, DEPLOYMENT, SampleSpecs.ordersBehindAlb());

        assertThat(plan.bootstrap()).isFalse();
        assertThat(fakes.ecs().calls()).isEmpty();
    }

    @Test
    void trackCapacityIsCountedFromTheTasksEcsRunsNotFromCloudMap() {
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_7, 2, List.of(ALB_TARGET_GROUP));
        steps.initialize(context, DEPLOYMENT, SampleSpecs.ordersBehindAlb());

        assertThat(steps.capacityReady(context, Track.PRIMARY, fakes.clock().instant())).isTrue();
        assertThat(fakes.directory().list(RolloutFakes.CLOUD_MAP)).isEmpty();
    }

    @Test
    void targetGroupOfAnotherServiceFailsTheSpecBeforeAnythingChanges() {
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_7, 2, List.of(OTHER_TARGET_GROUP));
        RolloutFakes.Footprint before = fakes.footprint();

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> steps.initialize(context, DEPLOYMENT, SampleSpecs.ordersBehindAlb()));

        assertThat(error.field()).isEqualTo("router.targetGroupArn");
        assertThat(error.problem()).contains(ALB_TARGET_GROUP, OTHER_TARGET_GROUP);
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.store().find("shop/orders")).isEmpty();
    }
}
