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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** The ALB adapter and the twin's attachment against the emulator, on a rule the team set up. */
class AlbRouterEmulatorTest {

    private final DemoShop shop = new DemoShop(UUID.randomUUID().toString().substring(0, 8));
    private final AlbRule rule = new AlbRule(shop);
    private final AlbRouter spec = new AlbRouter(rule.ruleArn, rule.targetGroup);

    /** The adapter as the factory binds it to the shop's app. */
    private AlbRouterAdapter router(String app, AlbRouter named) {
        return new AlbRouterAdapter(AWS.elb, AWS.ecs, shop.cluster, app, named);
    }

    @Test
    void adoptingTheRuleAddsATargetGroupLikeTheCanarysWithNoTrafficAndKeepsTheRest() {
        Object before = rule.untouched();

        TwinAttachment.LoadBalancer attachment = router(shop.app, spec).reconcile();

        TargetGroup canary = group(rule.targetGroup);
        TargetGroup primary = group(attachment.primaryTargetGroup());
        assertThat(primary.targetGroupName()).isEqualTo(shop.app + "-primary");
        assertThat(settings(primary)).isEqualTo(settings(canary));
        assertThat(weights()).containsEntry(attachment.primaryTargetGroup(), 0).containsEntry(rule.targetGroup, 1);
        assertThat(rule.untouched()).isEqualTo(before);
    }

    @Test
    void reconcilingAgainFindsTheSameGroupAndChangesNothing() {
        TwinAttachment.LoadBalancer first = router(shop.app, spec).reconcile();
        Map<String, Integer> weights = weights();

        TwinAttachment.LoadBalancer second = router(shop.app, spec).reconcile();

        // The team's group and its weight are found at adoption only; the record keeps them from then on.
        assertThat(first.teamTargets()).extracting(RouteTarget::name, RouteTarget::weight)
                .containsExactly(tuple(rule.targetGroup, 1));
        assertThat(second).isEqualTo(new TwinAttachment.LoadBalancer(first.canaryTargetGroup(),
                first.primaryTargetGroup()));
        assertThat(weights()).isEqualTo(weights);
    }

    @Test
    void onePercentCanaryIsNineAgainstEightHundredNinetyOneAndReadsBackAsOnePercent() {
        String primary = router(shop.app, spec).reconcile().primaryTargetGroup();

        Weights applied = router(shop.app, spec).applyWeights(Weights.canaryAt(1));

        assertThat(applied).isEqualTo(Weights.canaryAt(1));
        assertThat(router(shop.app, spec).currentWeights()).isEqualTo(Weights.canaryAt(1));
        assertThat(weights()).containsEntry(primary, 891).containsEntry(rule.targetGroup, 9)
                .containsEntry(rule.legacyTargetGroup, AlbRule.LEGACY_WEIGHT);
    }

    @Test
    void ruleTheStackCannotFindFailsTheSpecNamingIt() {
        AlbRouter missing = new AlbRouter(rule.ruleArn + "0", rule.targetGroup);

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router(shop.app, missing).reconcile());

        assertThat(error.field()).isEqualTo("router.ruleArn");
        assertThat(error.problem()).contains(missing.ruleArn());
    }

    @Test
    void ruleThatDoesNotForwardToTheAppsGroupFailsTheSpecAndCreatesNothing() {
        String elsewhere = AWS.elb.createTargetGroup(request -> request.name("else-" + shop.app).protocol("HTTP")
                .port(8080).vpcId(group(rule.targetGroup).vpcId()).targetType("ip")).targetGroups().getFirst()
                .targetGroupArn();

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router(shop.app, new AlbRouter(rule.ruleArn, elsewhere)).reconcile());

        assertThat(error.field()).isEqualTo("router.ruleArn");
        assertThat(weights()).hasSize(2);
    }

    /** ALB changes a listener's default rule only through ModifyListener: ModifyRule answers OperationNotPermitted. */
    @Test
    void aListenersDefaultRuleFailsTheSpecNamingItAndChangesNothing() {
        String balancer = AWS.elb.describeListeners(request -> request.listenerArns(listenerOf(rule.ruleArn)))
                .listeners().getFirst().loadBalancerArn();
        String listener = AWS.elb.createListener(request -> request.loadBalancerArn(balancer).protocol("HTTP")
                .port(8081).defaultActions(action -> action.type(ActionTypeEnum.FORWARD)
                        .targetGroupArn(rule.targetGroup))).listeners().getFirst().listenerArn();
        Rule defaultRule = AWS.elb.describeRules(request -> request.listenerArn(listener)).rules().stream()
                .filter(Rule::isDefault).findFirst().orElseThrow();

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router(shop.app, new AlbRouter(defaultRule.ruleArn(), rule.targetGroup)).reconcile());

        assertThat(error).as("the refusal").isNotNull();
        assertThat(error.field()).isEqualTo("router.ruleArn");
        assertThat(error.problem()).contains(defaultRule.ruleArn()).contains("default rule");
        assertThat(AWS.elb.describeRules(request -> request.ruleArns(defaultRule.ruleArn())).rules().getFirst()
                .actions()).isEqualTo(defaultRule.actions());
        assertThat(primaryGroupExists()).isFalse();
    }

    /**
     * ModifyRule takes the whole action list again, and DescribeRules never returns an OIDC client secret: the
     * authenticate-oidc action goes back with UseExistingClientSecret, or ALB refuses the change.
     */
    @Test
    void aRuleThatAuthenticatesWithOidcKeepsItsAuthenticationAndIsWeighed() {
        String oidcRule = AWS.elb.createRule(request -> request.listenerArn(listenerOf(rule.ruleArn))
                .priority(AlbRule.PRIORITY + 1)
                .conditions(condition -> condition.field("path-pattern").pathPatternConfig(path -> path
                        .values("/orders/admin*")))
                .actions(action -> action.type(ActionTypeEnum.AUTHENTICATE_OIDC).order(1)
                                .authenticateOidcConfig(oidc -> oidc.issuer("https://idp.example.com")
                                        .authorizationEndpoint("https://idp.example.com/authorize")
                                        .tokenEndpoint("https://idp.example.com/token")
                                        .userInfoEndpoint("https://idp.example.com/userinfo")
                                        .clientId("orders-admin").clientSecret("s3cret")),
                        action -> action.type(ActionTypeEnum.FORWARD).order(2).targetGroupArn(rule.targetGroup)))
                .rules().getFirst().ruleArn();
        AlbRouter oidcSpec = new AlbRouter(oidcRule, rule.targetGroup);

        router(shop.app, oidcSpec).reconcile();
        Weights applied = router(shop.app, oidcSpec).applyWeights(Weights.canaryAt(10));

        assertThat(applied).isEqualTo(Weights.canaryAt(10));
        List<Action> actions = AWS.elb.describeRules(request -> request.ruleArns(oidcRule)).rules().getFirst()
                .actions();
        assertThat(actions).extracting(Action::type)
                .containsExactly(ActionTypeEnum.AUTHENTICATE_OIDC, ActionTypeEnum.FORWARD);
        assertThat(actions.getFirst().authenticateOidcConfig().clientId()).isEqualTo("orders-admin");
    }

    /** The commonest rule forwards to the app's one group and weighs nothing: the group then receives everything. */
    @Test
    void aPlainForwardToTheAppsGroupIsAdoptedAtOneAgainstZeroWeighedAndGivenBackAtOne() {
        AWS.elb.modifyRule(request -> request.ruleArn(rule.ruleArn).actions(action -> action
                .type(ActionTypeEnum.FORWARD).targetGroupArn(rule.targetGroup)));

        TwinAttachment.LoadBalancer attachment = router(shop.app, spec).reconcile();

        assertThat(weights()).containsOnly(Map.entry(rule.targetGroup, 1), Map.entry(attachment.primaryTargetGroup(),
                0));
        assertThat(router(shop.app, spec).applyWeights(Weights.canaryAt(10))).isEqualTo(Weights.canaryAt(10));
        router(shop.app, spec).giveBack(attachment.teamTargets());
        assertThat(weights()).containsOnly(Map.entry(rule.targetGroup, 1));
    }

    /** Elastic Load Balancing quotas: 5 target groups per forward action; the primary's would be the sixth. */
    @Test
    void aForwardWithNoRoomForThePrimarysGroupFailsTheSpecAndCreatesNothing() {
        String vpc = group(rule.targetGroup).vpcId();
        List<TargetGroupTuple> five = new ArrayList<>(List.of(tupleOf(rule.targetGroup),
                tupleOf(rule.legacyTargetGroup)));
        for (int i = 1; i <= 3; i++) {
            String name = "x%d-%s".formatted(i, shop.app);
            five.add(tupleOf(AWS.elb.createTargetGroup(request -> request.name(name).protocol("HTTP").port(8080)
                    .vpcId(vpc).targetType("ip")).targetGroups().getFirst().targetGroupArn()));
        }
        AWS.elb.modifyRule(request -> request.ruleArn(rule.ruleArn).actions(action -> action
                .type(ActionTypeEnum.FORWARD).forwardConfig(forward -> forward.targetGroups(five))));

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router(shop.app, spec).reconcile());

        assertThat(error).as("the refusal").isNotNull();
        assertThat(error.field()).isEqualTo("router.ruleArn");
        assertThat(error.problem()).contains("5 target groups");
        assertThat(weights()).hasSize(5);
        assertThat(primaryGroupExists()).isFalse();
    }

    @Test
    void twinIsAttachedToItsOwnGroupAsTheCanaryIsToTheUsers() {
        rule.createService(shop.registerRevision("orders:1"));
        TwinAttachment.LoadBalancer attachment = router(shop.app, spec).reconcile();

        new EcsServiceControl(AWS.ecs).createPrimaryTwin(shop.cluster, shop.app,
                shop.service(shop.app).orElseThrow().taskDefinition(), attachment);

        assertThat(shop.service(shop.app + "-primary").orElseThrow().loadBalancers())
                .containsExactly(LoadBalancer.builder().targetGroupArn(attachment.primaryTargetGroup())
                        .containerName("orders").containerPort(8080).build());
        assertThat(new EcsServiceControl(AWS.ecs).describe(shop.cluster, shop.app).orElseThrow().targetGroups())
                .containsExactly(rule.targetGroup);
    }


    /** A rule's ARN is its listener's, with ":listener-rule/" and one more part. */
    private static String listenerOf(String ruleArn) {
        String listener = ruleArn.replace(":listener-rule/", ":listener/");
        return listener.substring(0, listener.lastIndexOf('/'));
    }

    private boolean primaryGroupExists() {
        try {
            return !AWS.elb.describeTargetGroups(request -> request.names(shop.app + "-primary")).targetGroups()
                    .isEmpty();
        } catch (TargetGroupNotFoundException e) {
            return false;
        }
    }

    private static TargetGroupTuple tupleOf(String arn) {
        return TargetGroupTuple.builder().targetGroupArn(arn).weight(1).build();
    }

    /**
     * A team's group drains in 30 s and starts its tasks slowly; a new group would drain for 300 s and take full
     * traffic at once. The twin's group, which carries the team's production traffic, must behave as the team's.
     */
    @Test
    void twinsGroupTakesTheTeamsGroupAttributes() {
        AWS.elb.modifyTargetGroupAttributes(request -> request.targetGroupArn(rule.targetGroup).attributes(
                attribute("deregistration_delay.timeout_seconds", "30"),
                attribute("slow_start.duration_seconds", "60"),
                attribute("stickiness.enabled", "true"),
                attribute("stickiness.type", "lb_cookie"),
                attribute("load_balancing.algorithm.type", "least_outstanding_requests")));

        TwinAttachment.LoadBalancer attachment = router(shop.app, spec).reconcile();

        assertThat(attributes(attachment.primaryTargetGroup()))
                .containsEntry("deregistration_delay.timeout_seconds", "30")
                .isEqualTo(attributes(rule.targetGroup));
    }

    private static TargetGroupAttribute attribute(String key, String value) {
        return TargetGroupAttribute.builder().key(key).value(value).build();
    }

    private static Map<String, String> attributes(String targetGroup) {
        return AWS.elb.describeTargetGroupAttributes(request -> request.targetGroupArn(targetGroup)).attributes()
                .stream().collect(Collectors.toMap(TargetGroupAttribute::key, TargetGroupAttribute::value));
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
