package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.aws.AlbRouterAdapter;
import io.meshcanary.aws.EcsServiceControl;
import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.DemoShop;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.AlbRouter;
import io.meshcanary.spec.InvalidSpecException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** The ALB adapter and the twin's attachment against the emulator, on a rule the team set up. */
class AlbRouterEmulatorTest {

    private final DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));
    private final AlbRule rule = new AlbRule(shop);
    private final AlbRouter spec = new AlbRouter(rule.ruleArn, rule.targetGroup);
    private final AlbRouterAdapter router = new AlbRouterAdapter(AWS.elb, AWS.ecs);

    @Test
    void adoptingTheRuleAddsATargetGroupLikeTheCanarysWithNoTrafficAndKeepsTheRest() {
        Object before = rule.untouched();

        TwinAttachment.LoadBalancer attachment = router.reconcile(shop.app, spec);

        TargetGroup canary = group(rule.targetGroup);
        TargetGroup primary = group(attachment.primaryTargetGroup());
        assertThat(primary.targetGroupName()).isEqualTo(shop.app + "-primary");
        assertThat(settings(primary)).isEqualTo(settings(canary));
        assertThat(weights()).containsEntry(attachment.primaryTargetGroup(), 0).containsEntry(rule.targetGroup, 1);
        assertThat(rule.untouched()).isEqualTo(before);
    }

    @Test
    void reconcilingAgainFindsTheSameGroupAndChangesNothing() {
        TwinAttachment.LoadBalancer first = router.reconcile(shop.app, spec);
        Map<String, Integer> weights = weights();

        TwinAttachment.LoadBalancer second = router.reconcile(shop.app, spec);

        // The team's group and its weight are found at adoption only; the record keeps them from then on.
        assertThat(first.teamTargets()).extracting(RouteTarget::name, RouteTarget::weight)
                .containsExactly(tuple(rule.targetGroup, 1));
        assertThat(second).isEqualTo(new TwinAttachment.LoadBalancer(first.canaryTargetGroup(),
                first.primaryTargetGroup()));
        assertThat(weights()).isEqualTo(weights);
    }

    @Test
    void onePercentCanaryIsNineAgainstEightHundredNinetyOneAndReadsBackAsOnePercent() {
        String primary = router.reconcile(shop.app, spec).primaryTargetGroup();

        Weights applied = router.applyWeights(shop.app, spec, Weights.canaryAt(1));

        assertThat(applied).isEqualTo(Weights.canaryAt(1));
        assertThat(router.currentWeights(shop.app, spec)).isEqualTo(Weights.canaryAt(1));
        assertThat(weights()).containsEntry(primary, 891).containsEntry(rule.targetGroup, 9)
                .containsEntry(rule.legacyTargetGroup, AlbRule.LEGACY_WEIGHT);
    }

    @Test
    void ruleTheStackCannotFindFailsTheSpecNamingIt() {
        AlbRouter missing = new AlbRouter(rule.ruleArn + "0", rule.targetGroup);

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router.reconcile(shop.app, missing));

        assertThat(error.field()).isEqualTo("router.ruleArn");
        assertThat(error.problem()).contains(missing.ruleArn());
    }

    @Test
    void ruleThatDoesNotForwardToTheAppsGroupFailsTheSpecAndCreatesNothing() {
        String elsewhere = AWS.elb.createTargetGroup(request -> request.name("else-" + shop.app).protocol("HTTP")
                .port(8080).vpcId(group(rule.targetGroup).vpcId()).targetType("ip")).targetGroups().getFirst()
                .targetGroupArn();

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router.reconcile(shop.app, new AlbRouter(rule.ruleArn, elsewhere)));

        assertThat(error.field()).isEqualTo("router.ruleArn");
        assertThat(weights()).hasSize(2);
    }

    @Test
    void twinIsAttachedToItsOwnGroupAsTheCanaryIsToTheUsers() {
        rule.createService(shop.registerRevision("orders:1"));
        TwinAttachment.LoadBalancer attachment = router.reconcile(shop.app, spec);

        new EcsServiceControl(AWS.ecs).createPrimaryTwin(shop.cluster, shop.app,
                shop.service(shop.app).orElseThrow().taskDefinition(), attachment);

        assertThat(shop.service(shop.app + "-primary").orElseThrow().loadBalancers())
                .containsExactly(LoadBalancer.builder().targetGroupArn(attachment.primaryTargetGroup())
                        .containerName("orders").containerPort(8080).build());
        assertThat(new EcsServiceControl(AWS.ecs).describe(shop.cluster, shop.app).orElseThrow().targetGroups())
                .containsExactly(rule.targetGroup);
    }

    private Map<String, Integer> weights() {
        return rule.rule().actions().getFirst().forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight));
    }

    /** What the balancer reaches and probes the tasks by: all but the group's identity and its balancers. */
    private static TargetGroup settings(TargetGroup group) {
        return group.toBuilder().targetGroupArn(null).targetGroupName(null).loadBalancerArns(List.of()).build();
    }

    private static TargetGroup group(String arn) {
        return AWS.elb.describeTargetGroups(request -> request.targetGroupArns(arn)).targetGroups().getFirst();
    }
}
