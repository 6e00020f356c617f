package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.rollout.RouteTarget;
import io.meshcanary.rollout.TrackTasks;
import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.spec.LatticeRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.vpclattice.model.GetRuleResponse;
import software.amazon.awssdk.services.vpclattice.model.GetTargetGroupResponse;
import software.amazon.awssdk.services.vpclattice.model.RuleAction;
import software.amazon.awssdk.services.vpclattice.model.RuleMatch;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupProtocol;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupType;
import software.amazon.awssdk.services.vpclattice.model.TargetStatus;
import software.amazon.awssdk.services.vpclattice.model.WeightedTargetGroup;

/**
 * The Lattice adapter against {@link FakeLattice}, an in-memory client shaped after the documented API: the emulator
 * implements neither GetRule nor UpdateRule, so what is checked here is the request and response mapping only.
 */
class LatticeRouterAdapterTest {

    private static final String SERVICE = "svc-0123456789abcdef0";
    private static final String LISTENER = "listener-0123456789abcdef0";
    private static final String RULE = "rule-0123456789abcdef0";
    private static final String CANARY_ID = "tg-0000000000000c0a1";
    private static final String CANARY_ARN = "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/" + CANARY_ID;
    private static final String LEGACY_ID = "tg-0000000000000ffff";
    private static final RuleMatch TEAM_MATCH = RuleMatch.builder().httpMatch(http -> http.method("GET")
            .pathMatch(path -> path.match(match -> match.prefix("/orders")).caseSensitive(false))
            .headerMatches(header -> header.name("x-tenant").match(value -> value.exact("acme")))).build();
    private static final LatticeRouter ROUTER = new LatticeRouter(SERVICE, LISTENER, RULE, CANARY_ARN);

    private final FakeLattice lattice = new FakeLattice()
            .targetGroup(group(CANARY_ID, "orders"))
            .targetGroup(group(LEGACY_ID, "orders-legacy"))
            .rule(SERVICE, LISTENER, GetRuleResponse.builder().id(RULE).name("orders").isDefault(false)
                    .match(TEAM_MATCH).priority(7)
                    .action(forward(weighted(CANARY_ID, 1), weighted(LEGACY_ID, 50))).build());
    private final RunningTasks ecs = new RunningTasks(List.of(
            RunningTasks.task("orders-primary", 6, "RUNNING"), RunningTasks.task("orders-primary", 7, "PROVISIONING"),
            RunningTasks.task("orders", 7, "RUNNING"), RunningTasks.task("orders", 7, "RUNNING")));

    /** The adapter as the factory binds it to an app of cluster {@code shop}. */
    private LatticeRouterAdapter router(String app, LatticeRouter spec) {
        return new LatticeRouterAdapter(lattice, ecs, "shop", app, spec);
    }

    @Test
    void adoptingTheRuleAddsAPrimaryTargetGroupLikeTheCanarysWithNoTraffic() {
        TwinAttachment.VpcLattice attachment = router("orders", ROUTER).reconcile();

        String primaryId = LatticeRouterAdapter.idOf(attachment.primaryTargetGroup());
        assertThat(attachment.canaryTargetGroup()).isEqualTo(CANARY_ARN);
        assertThat(weights()).containsExactly(Map.entry(CANARY_ID, 1), Map.entry(LEGACY_ID, 50),
                Map.entry(primaryId, 0));
        GetTargetGroupResponse primary = lattice.getTargetGroup(request -> request.targetGroupIdentifier(primaryId));
        assertThat(primary.name()).isEqualTo("orders-primary");
        assertThat(primary.config()).isEqualTo(group(CANARY_ID, "orders").config());
        assertThat(router("orders", ROUTER).currentWeights()).as("all on the user's service until the twin runs")
                .isEqualTo(Weights.canaryAt(100));
    }

    @Test
    void aTrackCountsTheTasksEcsRunsAndOnlyTheTargetsLatticeReportsHealthy() {
        String primaryId = LatticeRouterAdapter.idOf(router("orders", ROUTER).reconcile().primaryTargetGroup());
        lattice.targets(primaryId, TargetStatus.INITIAL, TargetStatus.HEALTHY, TargetStatus.UNHEALTHY)
                .targets(CANARY_ID, TargetStatus.HEALTHY, TargetStatus.HEALTHY);

        assertThat(router("orders", ROUTER).trackTasks(Track.PRIMARY))
                .isEqualTo(new TrackTasks(List.of("6"), OptionalInt.of(1)));
        assertThat(router("orders", ROUTER).trackTasks(Track.CANARY))
                .isEqualTo(new TrackTasks(List.of("7", "7"), OptionalInt.of(2)));
    }

    @Test
    void offboardingGivesTheAppsGroupItsAdoptedWeightBackThenDeletesThePrimarysGroup() {
        TwinAttachment.VpcLattice attachment = router("orders", ROUTER).reconcile();
        String primaryId = LatticeRouterAdapter.idOf(attachment.primaryTargetGroup());
        router("orders", ROUTER).allToPrimary();

        router("orders", ROUTER).giveBack(attachment.teamTargets());
        router("orders", ROUTER).removeTracks();

        assertThat(attachment.teamTargets()).containsExactly(new RouteTarget(CANARY_ARN, 1, null));
        assertThat(weights()).containsExactly(Map.entry(CANARY_ID, 1), Map.entry(LEGACY_ID, 50));
        assertThat(lattice.rule(SERVICE, LISTENER, RULE).match()).isEqualTo(TEAM_MATCH);
        assertThat(lattice.hasTargetGroup(primaryId)).isFalse();
        router("orders", ROUTER).giveBack(attachment.teamTargets());
        router("orders", ROUTER).removeTracks();
        assertThat(weights()).as("a second offboarding").containsExactly(Map.entry(CANARY_ID, 1),
                Map.entry(LEGACY_ID, 50));
    }

    @Test
    void reconcilingAnAdoptedRuleAgainWritesNothing() {
        router("orders", ROUTER).reconcile();
        int before = lattice.calls().size();

        router("orders", ROUTER).reconcile();

        assertThat(lattice.calls().subList(before, lattice.calls().size()))
                .doesNotContain("UpdateRule", "CreateTargetGroup");
    }

    @Test
    void onePercentCanaryLandsOnNineAgainstEightHundredNinetyOne() {
        String primaryId = LatticeRouterAdapter.idOf(router("orders", ROUTER).reconcile().primaryTargetGroup());

        Weights applied = router("orders", ROUTER).applyWeights(Weights.canaryAt(1));

        assertThat(applied).isEqualTo(Weights.canaryAt(1));
        assertThat(weights()).containsEntry(primaryId, 891).containsEntry(CANARY_ID, 9);
    }

    @Test
    void rolloutAndRollbackKeepTheRulesMatchPriorityAndOtherTargetGroups() {
        router("orders", ROUTER).reconcile();

        List<Weights> readBack = List.of(10, 20, 50).stream()
                .map(weight -> router("orders", ROUTER).applyWeights(Weights.canaryAt(weight))).toList();
        Weights promoted = router("orders", ROUTER).allToPrimary();
        router("orders", ROUTER).applyWeights(Weights.canaryAt(10));
        Weights rolledBack = router("orders", ROUTER).allToPrimary();

        assertThat(readBack).extracting(Weights::canary).containsExactly(10, 20, 50);
        assertThat(promoted).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(rolledBack).isEqualTo(Weights.ALL_PRIMARY);
        GetRuleResponse rule = lattice.rule(SERVICE, LISTENER, RULE);
        assertThat(rule.match()).isEqualTo(TEAM_MATCH);
        assertThat(rule.priority()).isEqualTo(7);
        assertThat(weights()).containsEntry(LEGACY_ID, 50).containsEntry(CANARY_ID, 0);
    }

    @Test
    void weightsSetByHandReadBackAsTheTracksShare() {
        String primaryId = LatticeRouterAdapter.idOf(router("orders", ROUTER).reconcile().primaryTargetGroup());
        lattice.rule(SERVICE, LISTENER, lattice.rule(SERVICE, LISTENER, RULE).toBuilder()
                .action(forward(weighted(CANARY_ID, 1), weighted(primaryId, 3), weighted(LEGACY_ID, 50))).build());

        assertThat(router("orders", ROUTER).currentWeights()).isEqualTo(Weights.canaryAt(25));
    }

    /** The team took its group off the rule mid-rollout: a step cannot give the canary traffic it has no route for. */
    @Test
    void aRuleThatLostTheAppsGroupIsNotWeighedAndTheErrorNamesTheRuleAndTheGroup() {
        String primaryId = LatticeRouterAdapter.idOf(router("orders", ROUTER).reconcile().primaryTargetGroup());
        lattice.rule(SERVICE, LISTENER, lattice.rule(SERVICE, LISTENER, RULE).toBuilder()
                .action(forward(weighted(primaryId, 999), weighted(LEGACY_ID, 50))).build());

        RoutingException error = catchThrowableOfType(RoutingException.class,
                () -> router("orders", ROUTER).applyWeights(Weights.canaryAt(10)));

        assertThat(error).as("the refusal").isNotNull();
        assertThat(error).hasMessageContaining(RULE).hasRootCauseMessage("the rule does not forward to target group "
                + CANARY_ID);
        assertThat(weights()).containsExactly(Map.entry(primaryId, 999), Map.entry(LEGACY_ID, 50));
    }

    @Test
    void ruleTheStackCannotFindFailsTheSpecNamingTheRule() {
        LatticeRouter missing = new LatticeRouter(SERVICE, LISTENER, "rule-0000000000000dead", CANARY_ARN);

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router("orders", missing).reconcile());

        assertThat(error.field()).isEqualTo("router.rule");
        assertThat(error.problem()).contains("rule-0000000000000dead", LISTENER, SERVICE);
        assertThat(lattice.calls()).containsExactly("GetRule");
    }

    @Test
    void ruleThatDoesNotForwardToTheAppsTargetGroupFailsTheSpecAndChangesNothing() {
        LatticeRouter other = new LatticeRouter(SERVICE, LISTENER, RULE,
                "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/tg-00000000000000bad");

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router("orders", other).reconcile());

        assertThat(error.field()).isEqualTo("router.rule");
        assertThat(lattice.calls()).doesNotContain("UpdateRule", "CreateTargetGroup");
    }

    @Test
    void listenersDefaultRuleIsRefusedBecauseUpdateRuleCannotChangeIt() {
        lattice.rule(SERVICE, LISTENER, lattice.rule(SERVICE, LISTENER, RULE).toBuilder().isDefault(true).build());

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router("orders", ROUTER).reconcile());

        assertThat(error.problem()).contains("default");
    }

    @Test
    void eachWeightStepCostsOneRuleReadOneWriteAndTheLookupOfThePrimaryGroup() {
        router("orders", ROUTER).reconcile();
        int before = lattice.calls().size();

        router("orders", ROUTER).applyWeights(Weights.canaryAt(10));

        assertThat(lattice.calls().subList(before, lattice.calls().size()))
                .containsExactly("GetTargetGroup", "ListTargetGroups", "GetRule", "UpdateRule");
    }

    private Map<String, Integer> weights() {
        return lattice.rule(SERVICE, LISTENER, RULE).action().forward().targetGroups().stream()
                .collect(Collectors.toMap(group -> LatticeRouterAdapter.idOf(group.targetGroupIdentifier()),
                        WeightedTargetGroup::weight, (a, b) -> a, LinkedHashMap::new));
    }

    private static GetTargetGroupResponse group(String id, String name) {
        return GetTargetGroupResponse.builder().id(id).name(name)
                .arn("arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/" + id).type(TargetGroupType.IP)
                .config(config -> config.port(8080).protocol(TargetGroupProtocol.HTTP).vpcIdentifier("vpc-0a1b2c3d")
                        .healthCheck(health -> health.path("/health").healthCheckIntervalSeconds(10)))
                .build();
    }

    private static RuleAction forward(WeightedTargetGroup... groups) {
        return RuleAction.builder().forward(forward -> forward.targetGroups(groups)).build();
    }

    private static WeightedTargetGroup weighted(String id, int weight) {
        return WeightedTargetGroup.builder().targetGroupIdentifier(id).weight(weight).build();
    }
}
