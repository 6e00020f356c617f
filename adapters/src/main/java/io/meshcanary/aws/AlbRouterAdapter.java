package io.meshcanary.aws;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.WeightedTarget;
import io.meshcanary.rollout.WeightedTargetGroups;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.AlbRouter;
import io.meshcanary.spec.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Weights on an Application Load Balancer listener rule whose forward action weighs target groups. Every write is a
 * read-modify-write of the rule's actions only: ModifyRule leaves out the conditions, so they and the priority stay
 * as they are, and within the actions only the two tracks' weights change. Other actions, other target groups and
 * the stickiness settings are put back as they were found.
 *
 * <p>The primary twin's target group is created from the canary's, named {@code <canary's name>-primary}. It is found
 * again on the rule by that name, which an ALB target group ARN carries ({@code targetgroup/<name>/<id>}). A judge's
 * equal baseline gets one the same way, {@code <canary's name>-baseline}, while a rollout needs it.
 */
public final class AlbRouterAdapter implements TrafficRouter {

    private static final int MAX_NAME = 32;

    private final ElasticLoadBalancingV2Client elb;
    private final EcsClient ecs;
    private final String cluster;
    private final String app;
    private final AlbRouter router;

    /** @param ecs counts a track's tasks: ECS registers them in the target group itself */
    public AlbRouterAdapter(ElasticLoadBalancingV2Client elb, EcsClient ecs, String cluster, String app,
            AlbRouter router) {
        this.elb = elb;
        this.ecs = ecs;
        this.cluster = cluster;
        this.app = app;
        this.router = router;
    }

    @Override
    public TwinAttachment.LoadBalancer reconcile() {
        RuleTargets rule = adoptable();
        String primaryName = primaryName(nameOf(router.targetGroupArn()));
        Optional<String> onRule = rule.arnNamed(primaryName);
        if (onRule.isPresent()) {
            return attachment(onRule.get());
        }
        AlbRuleChecks.roomFor("the primary twin's group", rule.groups().targets().size(), router.ruleArn());
        String primary = findTargetGroup(primaryName).orElseGet(() -> createLike(router.targetGroupArn(), primaryName));
        // The new track gets no traffic: until the twin runs, the app's own service still serves it all.
        modify(rule.replace(rule.groups().adopt(primary)));
        // The team's group is the canary's: its weight as adopted is what offboarding gives back.
        return new TwinAttachment.LoadBalancer(router.targetGroupArn(), primary, List.of(new RouteTarget(
                router.targetGroupArn(), rule.groups().weightOf(router.targetGroupArn()).getAsInt(), null)));
    }

    @Override
    public void check() {
        targetGroup(router.targetGroupArn());
        adoptable();
    }

    /** The rule the spec names, which must forward to the app's target group. */
    private RuleTargets adoptable() {
        RuleTargets rule = RuleTargets.of(describe(), router);
        if (!rule.groups().has(router.targetGroupArn())) {
            throw new InvalidSpecException("router.ruleArn", "rule %s does not forward to the app's target group %s"
                    .formatted(router.ruleArn(), router.targetGroupArn()));
        }
        return rule;
    }

    /** The app's group gets its weight as adopted back (or the primary's), and the primary's group leaves. */
    @Override
    public void giveBack(List<RouteTarget> teamTargets) {
        RuleTargets rule = RuleTargets.of(describe(), router);
        Optional<String> primary = rule.arnNamed(primaryName(nameOf(router.targetGroupArn())));
        if (primary.isEmpty()) {
            return;
        }
        modify(rule.replace(rule.groups().giveBack(primary.get(), router.targetGroupArn(),
                RouteTarget.adoptedWeight(teamTargets, router.targetGroupArn()::equals))));
    }

    /** The primary's target group, which meshcanary created; ELB refuses while a service still uses it. */
    @Override
    public void removeTracks() {
        findTargetGroup(primaryName(nameOf(router.targetGroupArn()))).ifPresent(this::deleteTargetGroup);
    }

    private void deleteTargetGroup(String group) {
        try {
            elb.deleteTargetGroup(request -> request.targetGroupArn(group));
        } catch (RuntimeException e) {
            throw new RoutingException("delete target group " + group, e);
        }
    }

    @Override
    public Weights currentWeights() {
        return weightsOn(RuleTargets.of(describe(), router));
    }

    @Override
    public Weights applyWeights(Weights weights) {
        RuleTargets rule = RuleTargets.of(describe(), router);
        WeightedTargetGroups weighed;
        try {
            weighed = rule.groups().weigh(primaryOn(rule), router.targetGroupArn(), rule.arnNamed(baselineName()),
                    weights);
        } catch (IllegalArgumentException e) {
            throw new RoutingException("weigh rule " + router.ruleArn(), e);
        }
        // ModifyRule answers with the rule as stored: that is the read-back, without a second describe.
        Rule stored = modify(rule.replace(weighed));
        return weightsOn(RuleTargets.of(stored, router));
    }

    /** The track's running tasks, and the targets its target group reports healthy: it sends traffic to no other. */
    @Override
    public TrackTasks trackTasks(Track track) {
        return new TrackTasks(ServiceTasks.runningRevisions(ecs, cluster, new TrackedService(app, track).serviceName()),
                healthyTargets(track == Track.CANARY ? Optional.of(router.targetGroupArn())
                        : findTargetGroup(primaryName(nameOf(router.targetGroupArn())))));
    }

    @Override
    public TwinAttachment.LoadBalancer adoptBaseline() {
        RuleTargets rule = adoptable();
        Optional<String> onRule = rule.arnNamed(baselineName());
        if (onRule.isPresent()) {
            return new TwinAttachment.LoadBalancer(router.targetGroupArn(), onRule.get());
        }
        AlbRuleChecks.roomFor("the judge's baseline group", rule.groups().targets().size(), router.ruleArn());
        String baseline = findTargetGroup(baselineName())
                .orElseGet(() -> createLike(router.targetGroupArn(), baselineName()));
        // ECS attaches a service only to a group a load balancer forwards to: the baseline joins at weight 0.
        modify(rule.replace(rule.groups().adopt(baseline)));
        return new TwinAttachment.LoadBalancer(router.targetGroupArn(), baseline);
    }

    @Override
    public Optional<String> baselineTargetGroup() {
        return findTargetGroup(baselineName());
    }

    @Override
    public TrackTasks baselineTasks() {
        return new TrackTasks(ServiceTasks.runningRevisions(ecs, cluster, TrackedService.baselineOf(app)),
                healthyTargets(findTargetGroup(baselineName())));
    }

    /** The baseline's group leaves the rule in the same write that gives its weight back to the primary. */
    @Override
    public void dropBaseline() {
        RuleTargets rule = RuleTargets.of(describe(), router);
        Optional<String> baseline = rule.arnNamed(baselineName());
        if (baseline.isEmpty()) {
            return;
        }
        String primary = primaryOn(rule);
        int stable = rule.groups().weightOf(primary).orElse(0) + rule.groups().weightOf(baseline.get()).orElse(0);
        modify(rule.replace(rule.groups().giveBack(baseline.get(), primary, OptionalInt.of(stable))));
    }

    @Override
    public void removeBaseline() {
        findTargetGroup(baselineName()).ifPresent(this::deleteTargetGroup);
    }

    private String baselineName() {
        return TargetGroupNames.baseline(nameOf(router.targetGroupArn()), MAX_NAME);
    }

    private OptionalInt healthyTargets(Optional<String> group) {
        if (group.isEmpty()) {
            return OptionalInt.of(0);
        }
        try {
            return OptionalInt.of((int) elb.describeTargetHealth(request -> request.targetGroupArn(group.get()))
                    .targetHealthDescriptions().stream()
                    .filter(target -> target.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
                    .count());
        } catch (RuntimeException e) {
            throw new RoutingException("describe target health of " + group.get(), e);
        }
    }

    private Weights weightsOn(RuleTargets rule) {
        return rule.groups().readBack(primaryOn(rule), router.targetGroupArn(), rule.arnNamed(baselineName()))
                .orElseThrow(() -> new RoutingException(
                "rule %s sends nothing to %s or its primary twin".formatted(
                        router.ruleArn(), router.targetGroupArn()), null));
    }

    private String primaryOn(RuleTargets rule) {
        String name = primaryName(nameOf(router.targetGroupArn()));
        return rule.arnNamed(name).orElseThrow(() -> new RoutingException(
                "rule %s has no target group %s; reconcile it first".formatted(router.ruleArn(), name), null));
    }

    private TwinAttachment.LoadBalancer attachment(String primary) {
        return new TwinAttachment.LoadBalancer(router.targetGroupArn(), primary);
    }

    private Rule describe() {
        Rule rule;
        try {
            rule = elb.describeRules(request -> request.ruleArns(router.ruleArn())).rules().getFirst();
        } catch (RuleNotFoundException e) {
            throw new InvalidSpecException("router.ruleArn", "names no listener rule the stack can find: "
                    + router.ruleArn());
        } catch (RuntimeException e) {
            throw new RoutingException("describe rule " + router.ruleArn(), e);
        }
        return AlbRuleChecks.modifiable(rule, router.ruleArn());
    }

    private Rule modify(List<Action> actions) {
        try {
            List<Action> resent = AlbRuleChecks.resendable(actions);
            return elb.modifyRule(request -> request.ruleArn(router.ruleArn()).actions(resent)).rules().getFirst();
        } catch (RuntimeException e) {
            throw new RoutingException("modify rule " + router.ruleArn(), e);
        }
    }

    private Optional<String> findTargetGroup(String name) {
        try {
            return elb.describeTargetGroups(request -> request.names(name)).targetGroups().stream()
                    .map(TargetGroup::targetGroupArn).findFirst();
        } catch (TargetGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The twin's target group takes what decides how the balancer reaches, probes and drains the tasks: the group's
     * settings, then its attributes (deregistration delay, slow start, stickiness, algorithm), which a new group
     * otherwise has at their defaults, a 300 s drain among them.
     */
    private String createLike(String canaryArn, String name) {
        TargetGroup canary = targetGroup(canaryArn);
        try {
            String twin = elb.createTargetGroup(request -> request.name(name)
                            .protocol(canary.protocol()).protocolVersion(canary.protocolVersion())
                            .port(canary.port()).vpcId(canary.vpcId()).targetType(canary.targetType())
                            .ipAddressType(canary.ipAddressType())
                            .healthCheckEnabled(canary.healthCheckEnabled())
                            .healthCheckProtocol(canary.healthCheckProtocol()).healthCheckPort(canary.healthCheckPort())
                            .healthCheckPath(canary.healthCheckPath())
                            .healthCheckIntervalSeconds(canary.healthCheckIntervalSeconds())
                            .healthCheckTimeoutSeconds(canary.healthCheckTimeoutSeconds())
                            .healthyThresholdCount(canary.healthyThresholdCount())
                            .unhealthyThresholdCount(canary.unhealthyThresholdCount())
                            .matcher(canary.matcher())
                            .tags(tag -> tag.key(EcsServiceControl.MANAGED_TAG).value("meshcanary")))
                    .targetGroups().getFirst().targetGroupArn();
            List<TargetGroupAttribute> attributes = elb.describeTargetGroupAttributes(request -> request
                    .targetGroupArn(canaryArn)).attributes();
            elb.modifyTargetGroupAttributes(request -> request.targetGroupArn(twin).attributes(attributes));
            return twin;
        } catch (RuntimeException e) {
            throw new RoutingException("create target group %s like %s".formatted(name, canaryArn), e);
        }
    }

    private TargetGroup targetGroup(String arn) {
        try {
            return elb.describeTargetGroups(request -> request.targetGroupArns(arn)).targetGroups().getFirst();
        } catch (TargetGroupNotFoundException e) {
            throw new InvalidSpecException("router.targetGroupArn", "names no target group the stack can find: "
                    + arn);
        } catch (RuntimeException e) {
            throw new RoutingException("describe target group " + arn, e);
        }
    }

    static String primaryName(String canaryName) {
        return TargetGroupNames.primary(canaryName, MAX_NAME);
    }

    private static String nameOf(String targetGroupArn) {
        return targetGroupArn.substring(targetGroupArn.indexOf(":targetgroup/") + ":targetgroup/".length())
                .split("/")[0];
    }

    /**
     * The rule's forward action, its weighted target groups, and how to put changed ones back among the actions.
     *
     * <p>ELB's API reference gives TargetGroupTuple's Weight no default, but a forward to one group sends it all
     * traffic, and the CDK's WeightedTargetGroup (which writes the same tuple) documents the default as 1: an omitted
     * weight is read as 1.
     */
    private record RuleTargets(List<Action> actions, int forward, WeightedTargetGroups groups) {

        private static final int OMITTED_WEIGHT = 1;

        static RuleTargets of(Rule rule, AlbRouter router) {
            List<Action> actions = rule.actions();
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                if (action.type() == ActionTypeEnum.FORWARD) {
                    // A forward to a single group may come without a ForwardConfig; it then weighs that group alone.
                    List<WeightedTarget> targets = action.forwardConfig() != null
                            && action.forwardConfig().hasTargetGroups()
                            ? action.forwardConfig().targetGroups().stream()
                                    .map(target -> new WeightedTarget(target.targetGroupArn(), target.weight()))
                                    .toList()
                            : List.of(new WeightedTarget(action.targetGroupArn(), null));
                    return new RuleTargets(actions, i, new WeightedTargetGroups(targets, OMITTED_WEIGHT));
                }
            }
            throw new InvalidSpecException("router.ruleArn", "rule %s has no forward action to weigh"
                    .formatted(router.ruleArn()));
        }

        Optional<String> arnNamed(String name) {
            return groups.targets().stream().map(WeightedTarget::group)
                    .filter(arn -> nameOf(arn).equals(name)).findFirst();
        }

        /** The actions with the forward's groups replaced; a weighted forward names its groups only in its config. */
        List<Action> replace(WeightedTargetGroups weighted) {
            Action forward = actions.get(this.forward);
            ForwardActionConfig.Builder config = forward.forwardConfig() == null ? ForwardActionConfig.builder()
                    : forward.forwardConfig().toBuilder();
            List<TargetGroupTuple> tuples = weighted.targets().stream().map(target -> TargetGroupTuple.builder()
                    .targetGroupArn(target.group()).weight(target.weight()).build()).toList();
            List<Action> replaced = new ArrayList<>(actions);
            replaced.set(this.forward, forward.toBuilder().targetGroupArn(null)
                    .forwardConfig(config.targetGroups(tuples).build()).build());
            return replaced;
        }
    }
}
