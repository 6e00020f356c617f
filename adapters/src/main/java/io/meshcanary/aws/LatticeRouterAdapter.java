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
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.spec.LatticeRouter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;
import software.amazon.awssdk.services.vpclattice.model.GetRuleResponse;
import software.amazon.awssdk.services.vpclattice.model.ResourceNotFoundException;
import software.amazon.awssdk.services.vpclattice.model.RuleAction;
import software.amazon.awssdk.services.vpclattice.model.RuleMatch;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupSummary;
import software.amazon.awssdk.services.vpclattice.model.UpdateRuleResponse;
import software.amazon.awssdk.services.vpclattice.model.WeightedTargetGroup;

/**
 * Weights on a VPC Lattice listener rule whose forward action weighs target groups (0–999 each). Every write is a
 * read-modify-write: UpdateRule gets the rule's own match and priority back, and within the forward action only the
 * two tracks' weights change; other target groups stay as they were found.
 *
 * <p>Lattice names a rule's target groups by ID, the spec by ARN: the two are compared by ID, an ARN's last part.
 */
public final class LatticeRouterAdapter implements TrafficRouter {

    private final VpcLatticeClient lattice;
    private final LatticeTargetGroups targetGroups;
    private final EcsClient ecs;
    private final String cluster;
    private final String app;
    private final LatticeRouter router;

    /** @param ecs counts a track's tasks: ECS registers them in the target group itself */
    public LatticeRouterAdapter(VpcLatticeClient lattice, EcsClient ecs, String cluster, String app,
            LatticeRouter router) {
        this.lattice = lattice;
        this.ecs = ecs;
        this.targetGroups = new LatticeTargetGroups(lattice);
        this.cluster = cluster;
        this.app = app;
        this.router = router;
    }

    @Override
    public TwinAttachment.VpcLattice reconcile() {
        Forward rule = adoptable();
        TargetGroupSummary primary = targetGroups.ensurePrimary(router.targetGroupArn());
        if (rule.groups().has(primary.id())) {
            return new TwinAttachment.VpcLattice(router.targetGroupArn(), primary.arn());
        }
        // The new track gets no traffic: until the twin runs, the app's own service still serves it all.
        update(rule, rule.groups().adopt(primary.id()));
        // The team's group is the canary's: its weight as adopted is what offboarding gives back.
        return new TwinAttachment.VpcLattice(router.targetGroupArn(), primary.arn(), List.of(new RouteTarget(
                router.targetGroupArn(), rule.groups().weightOf(idOf(router.targetGroupArn())).getAsInt(), null)));
    }

    @Override
    public void check() {
        targetGroups.checkCanary(router.targetGroupArn());
        adoptable();
    }

    /** The rule the spec names, of its service's listener, which must forward to the app's target group. */
    private Forward adoptable() {
        Forward rule = Forward.of(get(), router);
        if (!rule.groups().has(idOf(router.targetGroupArn()))) {
            throw new InvalidSpecException("router.rule", "rule %s does not forward to the app's target group %s"
                    .formatted(router.rule(), router.targetGroupArn()));
        }
        return rule;
    }

    /** The track's running tasks, and its targets that Lattice reports healthy: it sends traffic to no other. */
    @Override
    public TrackTasks trackTasks(Track track) {
        Optional<String> group = track == Track.CANARY ? Optional.of(router.targetGroupArn())
                : targetGroups.primary(router.targetGroupArn()).map(TargetGroupSummary::id);
        return new TrackTasks(ServiceTasks.runningRevisions(ecs, cluster, new TrackedService(app, track).serviceName()),
                OptionalInt.of(group.map(targetGroups::healthyTargets).orElse(0)));
    }

    @Override
    public Weights currentWeights() {
        LatticeTargetGroups.Made made = targetGroups.made(router.targetGroupArn());
        return weightsOn(Forward.of(get(), router), primaryId(made), baselineId(made));
    }

    @Override
    public Weights applyWeights(Weights weights) {
        LatticeTargetGroups.Made made = targetGroups.made(router.targetGroupArn());
        String primary = primaryId(made);
        Optional<String> baseline = baselineId(made);
        Forward rule = Forward.of(get(), router);
        if (!rule.groups().has(primary)) {
            throw new RoutingException("rule %s has no target group %s; reconcile it first".formatted(router.rule(),
                    primary), null);
        }
        WeightedTargetGroups weighed;
        try {
            weighed = rule.groups().weigh(primary, idOf(router.targetGroupArn()),
                    baseline.filter(rule.groups()::has), weights);
        } catch (IllegalArgumentException e) {
            throw new RoutingException("weigh rule " + router.rule(), e);
        }
        // UpdateRule answers with the rule as stored: that is the read-back, without a second GetRule.
        UpdateRuleResponse stored = update(rule, weighed);
        return weightsOn(Forward.of(stored.match(), stored.priority(), stored.action().forward().targetGroups()),
                primary, baseline);
    }

    private Weights weightsOn(Forward rule, String primary, Optional<String> baseline) {
        return rule.groups().readBack(primary, idOf(router.targetGroupArn()), baseline.filter(rule.groups()::has))
                .orElseThrow(() -> new RoutingException("rule %s sends nothing to %s or %s".formatted(router.rule(),
                        router.targetGroupArn(), primary), null));
    }

    private String primaryId(LatticeTargetGroups.Made made) {
        return made.primary().map(TargetGroupSummary::id)
                .orElseThrow(() -> new RoutingException(
                        "the primary target group of %s does not exist; reconcile rule %s first"
                                .formatted(router.targetGroupArn(), router.rule()), null));
    }

    private static Optional<String> baselineId(LatticeTargetGroups.Made made) {
        return made.baseline().map(TargetGroupSummary::id);
    }

    @Override
    public TwinAttachment.VpcLattice adoptBaseline() {
        Forward rule = adoptable();
        TargetGroupSummary baseline = targetGroups.ensureBaseline(router.targetGroupArn());
        if (!rule.groups().has(baseline.id())) {
            // At weight 0: the baseline takes no traffic before its tasks serve.
            update(rule, rule.groups().adopt(baseline.id()));
        }
        return new TwinAttachment.VpcLattice(router.targetGroupArn(), baseline.arn());
    }

    @Override
    public Optional<String> baselineTargetGroup() {
        return targetGroups.baseline(router.targetGroupArn()).map(TargetGroupSummary::arn);
    }

    @Override
    public TrackTasks baselineTasks() {
        Optional<String> group = targetGroups.baseline(router.targetGroupArn()).map(TargetGroupSummary::id);
        return new TrackTasks(ServiceTasks.runningRevisions(ecs, cluster, TrackedService.baselineOf(app)),
                OptionalInt.of(group.map(targetGroups::healthyTargets).orElse(0)));
    }

    /** The baseline's group leaves the rule in the same update that gives its weight back to the primary. */
    @Override
    public void dropBaseline() {
        LatticeTargetGroups.Made made = targetGroups.made(router.targetGroupArn());
        Forward rule = Forward.of(get(), router);
        Optional<String> baseline = baselineId(made).filter(rule.groups()::has);
        if (baseline.isEmpty()) {
            return;
        }
        String primary = primaryId(made);
        int stable = rule.groups().weightOf(primary).orElse(0) + rule.groups().weightOf(baseline.get()).orElse(0);
        update(rule, rule.groups().giveBack(baseline.get(), primary, OptionalInt.of(stable)));
    }

    /** Lattice refuses while a rule still forwards to it: {@link #dropBaseline} comes first. */
    @Override
    public void removeBaseline() {
        targetGroups.deleteBaseline(router.targetGroupArn());
    }

    private GetRuleResponse get() {
        try {
            return lattice.getRule(request -> request.serviceIdentifier(router.service())
                    .listenerIdentifier(router.listener()).ruleIdentifier(router.rule()));
        } catch (ResourceNotFoundException e) {
            throw new InvalidSpecException("router.rule",
                    "names no rule the stack can find: %s of listener %s of service %s"
                            .formatted(router.rule(), router.listener(), router.service()));
        } catch (RuntimeException e) {
            throw new RoutingException("get rule %s/%s/%s".formatted(router.service(), router.listener(),
                    router.rule()), e);
        }
    }

    private UpdateRuleResponse update(Forward rule, WeightedTargetGroups groups) {
        List<WeightedTargetGroup> targets = rule.translate(groups);
        try {
            return lattice.updateRule(request -> request.serviceIdentifier(router.service())
                    .listenerIdentifier(router.listener()).ruleIdentifier(router.rule())
                    .match(rule.match()).priority(rule.priority())
                    .action(RuleAction.builder().forward(forward -> forward.targetGroups(targets)).build()));
        } catch (RuntimeException e) {
            throw new RoutingException("update rule %s/%s/%s".formatted(router.service(), router.listener(),
                    router.rule()), e);
        }
    }

    /** An ID stays an ID; an ARN ({@code arn:...:targetgroup/tg-...}) becomes its last part. */
    static String idOf(String identifier) {
        return identifier.substring(identifier.lastIndexOf('/') + 1);
    }

    /**
     * The parts of a rule an update must send back, and its forward action's weighted target groups, known by ID.
     *
     * <p>Lattice's API reference for WeightedTargetGroup: a weight is only required with several target groups, and
     * "if there's only one target group specified, then the default value is 100".
     *
     * @param identifiers each group's identifier as the rule names it (an ID or an ARN), to write back unchanged
     */
    private record Forward(RuleMatch match, Integer priority, WeightedTargetGroups groups,
            Map<String, String> identifiers) {

        private static final int OMITTED_WEIGHT = 100;

        static Forward of(GetRuleResponse rule, LatticeRouter router) {
            if (Boolean.TRUE.equals(rule.isDefault())) {
                throw new InvalidSpecException("router.rule", ("rule %s is its listener's default action, which"
                        + " UpdateRule cannot change; name a listener rule instead").formatted(router.rule()));
            }
            if (rule.action() == null || rule.action().forward() == null) {
                throw new InvalidSpecException("router.rule", "rule %s has no forward action to weigh"
                        .formatted(router.rule()));
            }
            return of(rule.match(), rule.priority(), rule.action().forward().targetGroups());
        }

        static Forward of(RuleMatch match, Integer priority, List<WeightedTargetGroup> targets) {
            return new Forward(match, priority, new WeightedTargetGroups(targets.stream()
                    .map(target -> new WeightedTarget(idOf(target.targetGroupIdentifier()), target.weight()))
                    .toList(), OMITTED_WEIGHT), targets.stream().collect(Collectors.toMap(
                            target -> idOf(target.targetGroupIdentifier()), WeightedTargetGroup::targetGroupIdentifier,
                            (first, second) -> first)));
        }

        List<WeightedTargetGroup> translate(WeightedTargetGroups groups) {
            return groups.targets().stream().map(target -> WeightedTargetGroup.builder()
                    .targetGroupIdentifier(identifiers.getOrDefault(target.group(), target.group()))
                    .weight(target.weight()).build()).toList();
        }
    }

    /**
     * The app's group gets its weight as adopted back (or the primary's, for an app adopted before the weight was
     * recorded), and the primary's group leaves the rule.
     */
    @Override
    public void giveBack(List<RouteTarget> teamTargets) {
        Optional<String> primary = targetGroups.primary(router.targetGroupArn()).map(TargetGroupSummary::id);
        Forward rule = Forward.of(get(), router);
        if (primary.isEmpty() || !rule.groups().has(primary.get())) {
            return;
        }
        String canary = idOf(router.targetGroupArn());
        update(rule, rule.groups().giveBack(primary.get(), canary,
                RouteTarget.adoptedWeight(teamTargets, name -> idOf(name).equals(canary))));
    }

    /** The primary's target group, which meshcanary created; Lattice refuses while a rule still forwards to it. */
    @Override
    public void removeTracks() {
        targetGroups.deletePrimary(router.targetGroupArn());
    }
}
