package io.meshcanary.local.demo;


import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.local.StackResources;
import io.meshcanary.rollout.ProviderWeights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.VpcLatticeConfiguration;
import software.amazon.awssdk.services.vpclattice.model.ConflictException;
import software.amazon.awssdk.services.vpclattice.model.GetRuleResponse;
import software.amazon.awssdk.services.vpclattice.model.RuleAction;
import software.amazon.awssdk.services.vpclattice.model.RuleMatch;
import software.amazon.awssdk.services.vpclattice.model.ServiceSummary;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupProtocol;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupType;
import software.amazon.awssdk.services.vpclattice.model.TargetStatus;
import software.amazon.awssdk.services.vpclattice.model.WeightedTargetGroup;

/**
 * A VPC Lattice service in front of the demo shop: a listener rule with a match and a priority of the team's own,
 * forwarding to the app's target group and to a legacy group that must keep its weight. The team's service reaches
 * the app's group through its {@code vpcLatticeConfigurations}.
 */
final class LatticeRule implements TargetGroupRule {

    private static final int PRIORITY = 7;
    private static final int LEGACY_WEIGHT = 50;
    private static final RuleMatch TEAM_MATCH = RuleMatch.builder().httpMatch(http -> http.method("GET")
            .pathMatch(path -> path.match(match -> match.prefix("/orders")).caseSensitive(false))).build();

    private final DemoShop shop;
    private final String service;
    private final String listener;
    private final String rule;
    private final String targetGroup;

    LatticeRule(DemoShop shop) {
        this.shop = shop;
        service = stackService();
        listener = shop.aws.lattice.createListener(request -> request.serviceIdentifier(service).name(shop.app)
                .protocol("HTTP").port(80).defaultAction(action -> action.fixedResponse(fixed -> fixed
                        .statusCode(404)))).id();
        targetGroup = createTargetGroup(shop.app);
        String legacyTargetGroup = createTargetGroup("legacy-" + shop.app);
        rule = shop.aws.lattice.createRule(request -> request.serviceIdentifier(service).listenerIdentifier(listener)
                .name(shop.app).priority(PRIORITY).match(TEAM_MATCH).action(forward(List.of(
                        weighted(targetGroup, 1), weighted(legacyTargetGroup, LEGACY_WEIGHT))))).id();
    }

    /** The Lattice service the local stack may change (runtime.properties): each app gets a listener on it. */
    private String stackService() {
        String name = "shop";
        return existing(name).orElseGet(() -> {
            try {
                return shop.aws.lattice.createService(request -> request.name(name)).id();
            } catch (ConflictException createdMeanwhile) {
                // Another shop made it between the listing and this call (the suite sets shops up side by side).
                return existing(name).orElseThrow(() -> createdMeanwhile);
            }
        });
    }

    private Optional<String> existing(String name) {
        return shop.aws.lattice.listServicesPaginator(request -> { }).items().stream()
                .filter(summary -> summary.name().equals(name)).findFirst().map(ServiceSummary::id);
    }

    @Override
    public void route(ObjectNode spec) {
        spec.putObject("router").put("type", "vpc-lattice").put("service", service).put("listener", listener)
                .put("rule", rule).put("targetGroupArn", targetGroup);
    }

    @Override
    public void createService(String taskDefinition) {
        shop.createService(taskDefinition, request -> request.vpcLatticeConfigurations(latticeConfiguration()));
    }

    @Override
    public void attachService() {
        shop.aws.ecs.updateService(request -> request.cluster(shop.cluster).service(shop.app)
                .vpcLatticeConfigurations(latticeConfiguration()));
    }

    private VpcLatticeConfiguration latticeConfiguration() {
        return VpcLatticeConfiguration.builder().targetGroupArn(targetGroup).portName("http")
                .roleArn(StackResources.parameter("LatticeInfrastructureRoleArn")).build();
    }

    @Override
    public int canaryWeight() {
        List<WeightedTargetGroup> targets = rule().action().forward().targetGroups();
        int canary = weightOf(targets, targetGroup);
        int primary = targets.stream().filter(this::isPrimary).mapToInt(WeightedTargetGroup::weight).sum();
        return primary + canary == 0 ? 0 : Math.round(100f * canary / (primary + canary));
    }

    /** Sets the app's and its twin's groups to the percentages, scaled as the router scales them. */
    @Override
    public void editWeights(int canaryPercent) {
        int scale = ProviderWeights.SCALE;
        List<WeightedTargetGroup> edited = rule().action().forward().targetGroups().stream()
                .map(target -> idOf(target).equals(id(targetGroup)) ? weighted(targetGroup, canaryPercent * scale)
                        : isPrimary(target) ? weighted(idOf(target), (100 - canaryPercent) * scale)
                        : target)
                .toList();
        shop.aws.lattice.updateRule(request -> request.serviceIdentifier(service).listenerIdentifier(listener)
                .ruleIdentifier(rule).action(forward(edited)));
    }

    /** The rule's match, priority and other target groups with their weights. */
    @Override
    public Shape untouched() {
        GetRuleResponse current = rule();
        List<WeightedTargetGroup> others = current.action().forward().targetGroups().stream()
                .filter(target -> !idOf(target).equals(id(targetGroup)) && !isPrimary(target))
                .toList();
        return new Shape(current.match(), current.priority(), others);
    }

    @Override
    public Map<String, Integer> weights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        rule().action().forward().targetGroups().forEach(target -> weights.put(idOf(target), target.weight()));
        return weights;
    }

    @Override
    public int healthyTargets(String targetGroup) {
        return (int) shop.aws.lattice.listTargetsPaginator(request -> request.targetGroupIdentifier(targetGroup))
                .items().stream().filter(target -> target.status() == TargetStatus.HEALTHY).count();
    }

    @Override
    public Optional<String> primaryTargetGroup() {
        return rule().action().forward().targetGroups().stream().filter(this::isPrimary).map(LatticeRule::idOf)
                .findFirst();
    }

    @Override
    public boolean primaryTargetGroupExists() {
        return shop.aws.lattice.listTargetGroupsPaginator(request -> { }).items().stream()
                .anyMatch(group -> group.name().equals(shop.app + "-primary"));
    }

    private GetRuleResponse rule() {
        return shop.aws.lattice.getRule(request -> request.serviceIdentifier(service).listenerIdentifier(listener)
                .ruleIdentifier(rule));
    }

    /** The twin's group, which meshcanary created and named after the app's. */
    private boolean isPrimary(WeightedTargetGroup target) {
        return shop.aws.lattice.getTargetGroup(request -> request.targetGroupIdentifier(idOf(target))).name()
                .equals(shop.app + "-primary");
    }

    private static int weightOf(List<WeightedTargetGroup> targets, String arn) {
        return targets.stream().filter(target -> idOf(target).equals(id(arn)))
                .mapToInt(WeightedTargetGroup::weight).sum();
    }

    private String createTargetGroup(String name) {
        return shop.aws.lattice.createTargetGroup(request -> request.name(name).type(TargetGroupType.IP)
                .config(config -> config.port(8080).protocol(TargetGroupProtocol.HTTP).vpcIdentifier("vpc-" + shop.app)
                        .healthCheck(health -> health.path("/health")))).arn();
    }

    private static String idOf(WeightedTargetGroup target) {
        return id(target.targetGroupIdentifier());
    }

    /** Lattice names a rule's groups by ID, the spec by ARN. */
    private static String id(String identifier) {
        return identifier.substring(identifier.lastIndexOf('/') + 1);
    }

    private static RuleAction forward(List<WeightedTargetGroup> groups) {
        return RuleAction.builder().forward(forward -> forward.targetGroups(groups)).build();
    }

    private static WeightedTargetGroup weighted(String targetGroup, int weight) {
        return WeightedTargetGroup.builder().targetGroupIdentifier(targetGroup).weight(weight).build();
    }

    /** What the team owns on the rule. */
    public record Shape(RuleMatch match, Integer priority, List<WeightedTargetGroup> otherTargets) {
    }
}
