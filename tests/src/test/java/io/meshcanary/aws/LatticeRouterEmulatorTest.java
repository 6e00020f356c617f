package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.rollout.TwinAttachment;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.spec.LatticeRouter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;
import software.amazon.awssdk.services.vpclattice.model.GetRuleResponse;
import software.amazon.awssdk.services.vpclattice.model.RuleAction;
import software.amazon.awssdk.services.vpclattice.model.RuleMatch;
import software.amazon.awssdk.services.vpclattice.model.RuleSummary;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupProtocol;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupType;
import software.amazon.awssdk.services.vpclattice.model.ValidationException;
import software.amazon.awssdk.services.vpclattice.model.WeightedTargetGroup;

/**
 * The Lattice router against the emulator's listener rules: GetRule and UpdateRule are the local runtime's stand-in
 * for AWS (moto 5.2.5 has neither), built from the API reference, so this also checks that the stand-in keeps what
 * AWS keeps and refuses what AWS refuses. The client is the one the functions build: UpdateRule is a PATCH, which
 * the url-connection HTTP client cannot send.
 */
class LatticeRouterEmulatorTest {

    private static final RuleMatch TEAM_MATCH = RuleMatch.builder().httpMatch(http -> http.method("GET")
            .pathMatch(path -> path.match(match -> match.prefix("/orders")).caseSensitive(false))).build();
    private static final int PRIORITY = 7;
    private static final int LEGACY_WEIGHT = 50;

    /** The functions' own client: how it is built decides whether UpdateRule can be sent at all. */
    private final VpcLatticeClient lattice = new AwsClients(new Config(
            System.getenv().getOrDefault("AWS_REGION", "us-east-1"), "/unused", "unused", "unused", "unused"))
            .vpcLattice();
    private final EcsClient ecs = new AwsClients(new Config(
            System.getenv().getOrDefault("AWS_REGION", "us-east-1"), "/unused", "unused", "unused", "unused")).ecs();
    private final String app = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    private final String vpc = "vpc-" + app;
    private final String service = lattice.createService(request -> request.name(app)).id();
    private final String listener = lattice.createListener(request -> request.serviceIdentifier(service).name("http")
            .protocol("HTTP").port(80).defaultAction(action -> action.fixedResponse(fixed -> fixed.statusCode(404))))
            .arn();
    private final String canary = targetGroup(app);
    private final String legacy = targetGroup("legacy-" + app);
    private final String rule = lattice.createRule(request -> request.serviceIdentifier(service)
            .listenerIdentifier(listener).name(app).priority(PRIORITY).match(TEAM_MATCH)
            .action(forward(weighted(canary, 1), weighted(legacy, LEGACY_WEIGHT)))).id();
    private final LatticeRouter spec = new LatticeRouter(service, listener, rule, canary);

    /** The adapter as the factory binds it to an app of cluster {@code shop}. */
    private LatticeRouterAdapter router(String app, LatticeRouter spec) {
        return new LatticeRouterAdapter(lattice, ecs, "shop", app, spec);
    }

    @Test
    void rolloutMovesOnlyTheTwoTracksWeightsAndKeepsTheTeamsMatchPriorityAndGroups() {
        String primary = LatticeRouterAdapter.idOf(router(app, spec).reconcile().primaryTargetGroup());
        assertThat(weights()).as("the twin's group joins with no traffic")
                .containsExactly(Map.entry(id(canary), 1), Map.entry(id(legacy), LEGACY_WEIGHT), Map.entry(primary, 0));

        Weights onePercent = router(app, spec).applyWeights(Weights.canaryAt(1));

        assertThat(onePercent).isEqualTo(Weights.canaryAt(1));
        assertThat(weights()).containsEntry(primary, 891).containsEntry(id(canary), 9);
        assertThat(router(app, spec).allToPrimary()).isEqualTo(Weights.ALL_PRIMARY);
        GetRuleResponse stored = getRule();
        assertThat(stored.match()).isEqualTo(TEAM_MATCH);
        assertThat(stored.priority()).isEqualTo(PRIORITY);
        assertThat(weights()).containsEntry(id(legacy), LEGACY_WEIGHT).containsEntry(id(canary), 0);
    }

    /**
     * Lattice's WeightedTargetGroup: a weight is required only with several groups, and one group alone weighs 100.
     * Adopting adds a second group, so the team's weight is written out as Lattice read it.
     */
    @Test
    void aRuleForwardingToOneGroupWithoutAWeightIsAdoptedAtOneHundredAgainstZeroAndGivenBackWhole() {
        lattice.updateRule(request -> request.serviceIdentifier(service).listenerIdentifier(listener)
                .ruleIdentifier(rule).action(forward(WeightedTargetGroup.builder().targetGroupIdentifier(canary)
                        .build())));

        TwinAttachment.VpcLattice attachment = router(app, spec).reconcile();
        String primary = id(attachment.primaryTargetGroup());

        assertThat(weights()).containsExactly(Map.entry(id(canary), 100), Map.entry(primary, 0));
        assertThat(router(app, spec).applyWeights(Weights.canaryAt(10))).isEqualTo(Weights.canaryAt(10));
        router(app, spec).giveBack(attachment.teamTargets());
        assertThat(weights()).containsExactly(Map.entry(id(canary), 100));
    }

    @Test
    void weightAboveNineHundredNinetyNineIsRefusedAndTheRuleStaysAsItWas() {
        GetRuleResponse before = getRule();

        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> lattice.updateRule(request -> request.serviceIdentifier(service).listenerIdentifier(listener)
                        .ruleIdentifier(rule).action(forward(weighted(canary, 1000)))));

        assertThat(refused.getMessage()).contains("1000", "999");
        assertThat(getRule().action()).isEqualTo(before.action());
    }

    @Test
    void listenersDefaultRuleCannotBeAdoptedNorUpdated() {
        String defaultRule = lattice.listRules(request -> request.serviceIdentifier(service)
                .listenerIdentifier(listener)).items().stream().filter(RuleSummary::isDefault)
                .map(RuleSummary::id).findFirst().orElseThrow();

        InvalidSpecException adopted = catchThrowableOfType(InvalidSpecException.class, () -> router(app, new LatticeRouter(service, listener, defaultRule, canary)).reconcile());
        ValidationException updated = catchThrowableOfType(ValidationException.class,
                () -> lattice.updateRule(request -> request.serviceIdentifier(service).listenerIdentifier(listener)
                        .ruleIdentifier(defaultRule).priority(3)));

        assertThat(adopted.field()).isEqualTo("router.rule");
        assertThat(adopted.problem()).contains("default");
        assertThat(updated.getMessage()).contains("default listener rule");
    }

    /** With health checks disabled Lattice lists every target UNAVAILABLE: the twin's group could never serve. */
    @Test
    void aTargetGroupWithHealthChecksDisabledFailsTheSpecAndCreatesNothing() {
        String unchecked = lattice.createTargetGroup(request -> request.name("unchecked-" + app)
                .type(TargetGroupType.IP).config(config -> config.port(8080).protocol(TargetGroupProtocol.HTTP)
                        .vpcIdentifier(vpc).healthCheck(health -> health.enabled(false)))).arn();
        lattice.updateRule(request -> request.serviceIdentifier(service).listenerIdentifier(listener)
                .ruleIdentifier(rule).action(forward(weighted(unchecked, 1), weighted(legacy, LEGACY_WEIGHT))));

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router(app, new LatticeRouter(service, listener, rule, unchecked)).reconcile());

        assertThat(error).as("the refusal").isNotNull();
        assertThat(error.field()).isEqualTo("router.targetGroupArn");
        assertThat(error.problem()).contains(unchecked).contains("health checks disabled");
        assertThat(weights()).as("nothing changed").containsOnlyKeys(id(unchecked), id(legacy));
    }

    @Test
    void ruleOfAnotherListenerIsNotFoundAndFailsTheSpecNamingTheRule() {
        String otherListener = lattice.createListener(request -> request.serviceIdentifier(service).name("https")
                .protocol("HTTPS").port(443).defaultAction(action -> action.fixedResponse(fixed -> fixed
                        .statusCode(404)))).id();

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> router(app, new LatticeRouter(service, otherListener, rule, canary)).reconcile());

        assertThat(error.field()).isEqualTo("router.rule");
        assertThat(error.problem()).contains(rule, otherListener);
        assertThat(weights()).as("nothing changed").containsOnlyKeys(id(canary), id(legacy));
    }

    private GetRuleResponse getRule() {
        return lattice.getRule(request -> request.serviceIdentifier(service).listenerIdentifier(listener)
                .ruleIdentifier(rule));
    }

    private Map<String, Integer> weights() {
        return getRule().action().forward().targetGroups().stream()
                .collect(Collectors.toMap(group -> id(group.targetGroupIdentifier()), WeightedTargetGroup::weight,
                        (a, b) -> a, LinkedHashMap::new));
    }

    private String targetGroup(String name) {
        return lattice.createTargetGroup(request -> request.name(name).type(TargetGroupType.IP)
                .config(config -> config.port(8080).protocol(TargetGroupProtocol.HTTP).vpcIdentifier(vpc)
                        .healthCheck(health -> health.path("/health")))).arn();
    }

    private static String id(String identifier) {
        return LatticeRouterAdapter.idOf(identifier);
    }

    private static RuleAction forward(WeightedTargetGroup... groups) {
        return RuleAction.builder().forward(forward -> forward.targetGroups(groups)).build();
    }

    private static WeightedTargetGroup weighted(String targetGroup, int weight) {
        return WeightedTargetGroup.builder().targetGroupIdentifier(targetGroup).weight(weight).build();
    }
}
