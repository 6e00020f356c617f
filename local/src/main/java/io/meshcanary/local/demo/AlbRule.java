package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.rollout.ProviderWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * An Application Load Balancer in front of the demo shop: a listener rule with conditions and a priority of the
 * team's own, forwarding with stickiness to the app's target group and to a legacy group that must keep its weight.
 */
public final class AlbRule implements TargetGroupRule {

    public static final int PRIORITY = 7;
    public static final int LEGACY_WEIGHT = 50;

    private final DemoShop shop;
    public final String loadBalancer;
    public final String targetGroup;
    public final String legacyTargetGroup;
    public final String ruleArn;

    public AlbRule(DemoShop shop) {
        this.shop = shop;
        String vpc = shop.aws.ec2.describeVpcs(request -> request.filters(filter -> filter.name("is-default")
                .values("true"))).vpcs().getFirst().vpcId();
        List<String> subnets = shop.aws.ec2.describeSubnets(request -> request.filters(filter -> filter.name("vpc-id")
                .values(vpc))).subnets().stream().map(subnet -> subnet.subnetId()).limit(2).toList();
        loadBalancer = shop.aws.elb.createLoadBalancer(request -> request.name(shop.cluster).subnets(subnets)
                .type("application")).loadBalancers().getFirst().loadBalancerArn();
        targetGroup = createTargetGroup(shop.app, vpc);
        legacyTargetGroup = createTargetGroup("legacy-" + shop.app, vpc);
        String listener = shop.aws.elb.createListener(request -> request.loadBalancerArn(loadBalancer).protocol("HTTP")
                        .port(80).defaultActions(action -> action.type(ActionTypeEnum.FIXED_RESPONSE)
                                .fixedResponseConfig(response -> response.statusCode("404"))))
                .listeners().getFirst().listenerArn();
        ruleArn = shop.aws.elb.createRule(request -> request.listenerArn(listener).priority(PRIORITY)
                .conditions(condition -> condition.field("path-pattern").pathPatternConfig(path -> path
                                .values("/orders*")),
                        condition -> condition.field("http-header").httpHeaderConfig(header -> header
                                .httpHeaderName("x-tenant").values("acme")))
                .actions(action -> action.type(ActionTypeEnum.FORWARD).forwardConfig(forward -> forward
                        .targetGroups(tuple(targetGroup, 1), tuple(legacyTargetGroup, LEGACY_WEIGHT))
                        .targetGroupStickinessConfig(sticky -> sticky.enabled(true).durationSeconds(300)))))
                .rules().getFirst().ruleArn();
    }

    @Override
    public void route(ObjectNode spec) {
        spec.putObject("router").put("type", "alb").put("ruleArn", ruleArn).put("targetGroupArn", targetGroup);
    }

    /**
     * The real checks of the ALB example (examples/orders-alb.canary.json: the error rate over the 5xx and request
     * counts, and p99 latency), in the demo's time-lapse, fed by traffic that follows the rule's weights.
     */
    @Override
    public DemoTraffic demoTraffic(ObjectNode spec, Path repository, DoubleSupplier canarySlowdown) {
        return demoTraffic(spec, repository, AlbTraffic.canarySlowedBy(this, canarySlowdown));
    }

    /**
     * As {@link #demoTraffic(ObjectNode, Path, DoubleSupplier)}, each target group answering as {@code answers} says
     * for it.
     */
    public DemoTraffic demoTraffic(ObjectNode spec, Path repository, Function<String, AlbTraffic.Answers> answers) {
        try {
            ObjectNode example = (ObjectNode) new ObjectMapper().readTree(repository
                    .resolve("examples/orders-alb.canary.json").toFile());
            ((ObjectNode) spec.get("analysis")).set("metrics",
                    AlbTraffic.timeLapsed(example, spec.path("intervalSeconds").asInt()));
        } catch (IOException e) {
            throw new UncheckedIOException("read the ALB example spec", e);
        }
        return new AlbTraffic(shop, this).following(this, answers);
    }

    @Override
    public Optional<ObjectNode> demoJudge(int windowSeconds, int minSamples) {
        return Optional.of(AlbTraffic.judge(windowSeconds, minSamples));
    }

    @Override
    public void createService(String taskDefinition) {
        shop.createService(taskDefinition, List.of(loadBalancer()));
    }

    @Override
    public void attachService() {
        shop.aws.ecs.updateService(request -> request.cluster(shop.cluster).service(shop.app)
                .loadBalancers(loadBalancer()));
    }

    private LoadBalancer loadBalancer() {
        return LoadBalancer.builder().targetGroupArn(targetGroup).containerName("orders").containerPort(8080).build();
    }

    @Override
    public int canaryWeight() {
        List<TargetGroupTuple> targets = forward(rule()).forwardConfig().targetGroups();
        int canary = weightOf(targets, targetGroup);
        int primary = targets.stream().filter(this::isPrimary).mapToInt(TargetGroupTuple::weight).sum();
        return primary + canary == 0 ? 0 : Math.round(100f * canary / (primary + canary));
    }

    /** Sets the app's and its twin's groups to the percentages, scaled as the router scales them. */
    @Override
    public void editWeights(int canaryPercent) {
        Rule rule = rule();
        Action forward = forward(rule);
        int scale = ProviderWeights.SCALE;
        List<TargetGroupTuple> edited = forward.forwardConfig().targetGroups().stream()
                .map(target -> target.targetGroupArn().equals(targetGroup) ? tuple(targetGroup, canaryPercent * scale)
                        : isPrimary(target) ? tuple(target.targetGroupArn(), (100 - canaryPercent) * scale)
                        : target)
                .toList();
        List<Action> actions = rule.actions().stream()
                .map(action -> action == forward ? action.toBuilder().targetGroupArn(null)
                        .forwardConfig(forward.forwardConfig().toBuilder().targetGroups(edited).build()).build()
                        : action)
                .toList();
        shop.aws.elb.modifyRule(request -> request.ruleArn(ruleArn).actions(actions));
    }

    /** The rule's conditions, priority, stickiness and other target groups with their weights. */
    @Override
    public Shape untouched() {
        Rule rule = rule();
        Action forward = forward(rule);
        List<TargetGroupTuple> others = forward.forwardConfig().targetGroups().stream()
                .filter(target -> !target.targetGroupArn().equals(targetGroup) && !isPrimary(target))
                .toList();
        return new Shape(rule.conditions(), rule.priority(), others,
                forward.forwardConfig().targetGroupStickinessConfig(), rule.actions().size());
    }

    /** The forward action's target groups and their weights. */
    public List<TargetGroupTuple> targets() {
        return forward(rule()).forwardConfig().targetGroups();
    }

    @Override
    public Map<String, Integer> weights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        targets().forEach(target -> weights.put(target.targetGroupArn(), target.weight()));
        return weights;
    }

    /**
     * The weights of the app's groups on the rule, which the app's users' requests split between: its own, its twin's
     * and, while a judged rollout runs one, its equal baseline's. The legacy group serves other users.
     */
    public Map<String, Integer> appWeights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        targets().stream().filter(target -> target.targetGroupArn().equals(targetGroup) || isPrimary(target)
                        || isBaseline(target))
                .forEach(target -> weights.put(target.targetGroupArn(), target.weight()));
        return weights;
    }

    /** A judge's equal baseline's group, while meshcanary has it on the rule. */
    public Optional<String> baselineTargetGroup() {
        return targets().stream().filter(this::isBaseline).map(TargetGroupTuple::targetGroupArn).findFirst();
    }

    /** Whether the baseline's group exists at all, on the rule or not. */
    public boolean baselineTargetGroupExists() {
        return targetGroupExists(shop.app + "-baseline");
    }

    @Override
    public int healthyTargets(String targetGroup) {
        return (int) shop.aws.elb.describeTargetHealth(request -> request.targetGroupArn(targetGroup))
                .targetHealthDescriptions().stream()
                .filter(target -> target.targetHealth().state() == TargetHealthStateEnum.HEALTHY).count();
    }

    @Override
    public boolean primaryTargetGroupExists() {
        return targetGroupExists(shop.app + "-primary");
    }

    private boolean targetGroupExists(String name) {
        try {
            return !shop.aws.elb.describeTargetGroups(request -> request.names(name)).targetGroups().isEmpty();
        } catch (TargetGroupNotFoundException e) {
            return false;
        }
    }

    /** The twin's group, once meshcanary put it on the rule. */
    @Override
    public Optional<String> primaryTargetGroup() {
        return targets().stream().filter(this::isPrimary).map(TargetGroupTuple::targetGroupArn).findFirst();
    }

    public int weightOf(String arn) {
        return weightOf(targets(), arn);
    }

    public Rule rule() {
        return shop.aws.elb.describeRules(request -> request.ruleArns(ruleArn)).rules().getFirst();
    }

    /** The twin's group, which meshcanary created and named after the app's. */
    private boolean isPrimary(TargetGroupTuple target) {
        return target.targetGroupArn().contains(":targetgroup/" + shop.app + "-primary/");
    }

    private boolean isBaseline(TargetGroupTuple target) {
        return target.targetGroupArn().contains(":targetgroup/" + shop.app + "-baseline/");
    }

    private static Action forward(Rule rule) {
        return rule.actions().stream().filter(action -> action.type() == ActionTypeEnum.FORWARD).findFirst()
                .orElseThrow();
    }

    private static int weightOf(List<TargetGroupTuple> targets, String arn) {
        return targets.stream().filter(target -> target.targetGroupArn().equals(arn))
                .mapToInt(TargetGroupTuple::weight).sum();
    }

    /**
     * The service's attachment for ECS's own deployments behind this rule: the rule's target group as blue, a new
     * green one as the alternate ECS moves the rule's weight to, and the infrastructure role ECS does it with.
     */
    public LoadBalancer nativeLoadBalancer() {
        String vpc = shop.aws.elb.describeTargetGroups(request -> request.targetGroupArns(targetGroup))
                .targetGroups().getFirst().vpcId();
        String green = createTargetGroup("green-" + shop.app, vpc);
        return LoadBalancer.builder().targetGroupArn(targetGroup).containerName("orders").containerPort(8080)
                .advancedConfiguration(advanced -> advanced.alternateTargetGroupArn(green)
                        .productionListenerRule(ruleArn)
                        .roleArn("arn:aws:iam::123456789012:role/ecs-infrastructure-shop"))
                .build();
    }

    private String createTargetGroup(String name, String vpc) {
        return shop.aws.elb.createTargetGroup(request -> request.name(name).protocol("HTTP").port(8080).vpcId(vpc)
                        .targetType("ip").healthCheckPath("/health").healthCheckIntervalSeconds(10))
                .targetGroups().getFirst().targetGroupArn();
    }

    private static TargetGroupTuple tuple(String arn, int weight) {
        return TargetGroupTuple.builder().targetGroupArn(arn).weight(weight).build();
    }

    /** What the team owns on the rule. */
    public record Shape(List<RuleCondition> conditions, String priority, List<TargetGroupTuple> otherTargets,
            TargetGroupStickinessConfig stickiness, int actions) {
    }
}
