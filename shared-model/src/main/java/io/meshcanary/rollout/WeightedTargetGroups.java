package io.meshcanary.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The target groups a listener rule's forward action weighs (ALB's and VPC Lattice's alike), and the four things a
 * rollout does to them: adopt a group at weight 0, weigh some groups, give the team's group back, read the tracks'
 * shares back. Each verb returns the groups to write; groups it does not name stay exactly as they were found.
 *
 * <p>A rule may omit a weight, and each provider reads the omission its own way, hence {@code omittedWeight}: see
 * the adapters for the documented value.
 *
 * @param omittedWeight the weight the provider applies where the rule omits one
 */
public record WeightedTargetGroups(List<WeightedTarget> targets, int omittedWeight) {

    public WeightedTargetGroups {
        targets = List.copyOf(targets);
    }

    public boolean has(String group) {
        return find(group).isPresent();
    }

    /** The group's weight as the provider applies it, or empty when the rule does not forward to it. */
    public OptionalInt weightOf(String group) {
        return find(group).map(target -> OptionalInt.of(effective(target))).orElse(OptionalInt.empty());
    }

    /**
     * The groups with {@code group} added at weight 0, so that adopting takes no traffic from anyone; unchanged when
     * it is there already. The omitted weights are written out: with two groups or more, Lattice requires each.
     */
    public WeightedTargetGroups adopt(String group) {
        if (has(group)) {
            return this;
        }
        List<WeightedTarget> adopted = new ArrayList<>(targets.stream()
                .map(target -> new WeightedTarget(target.group(), effective(target))).toList());
        adopted.add(new WeightedTarget(group, 0));
        return new WeightedTargetGroups(adopted, omittedWeight);
    }

    /**
     * The groups with each of {@code weights}' groups at its weight; any number of groups may be weighed (two
     * tracks, or a baseline beside them).
     *
     * @throws IllegalArgumentException if the rule does not forward to one of them: a weight cannot be added there
     */
    public WeightedTargetGroups weigh(List<WeightedTarget> weights) {
        weights.stream().map(WeightedTarget::group).filter(group -> !has(group)).findFirst().ifPresent(group -> {
            throw new IllegalArgumentException("the rule does not forward to target group " + group);
        });
        return new WeightedTargetGroups(targets.stream().map(target -> weights.stream()
                .filter(weight -> weight.group().equals(target.group())).findFirst().orElse(target)).toList(),
                omittedWeight);
    }

    /** The two tracks' groups weighed to {@code weights}, at the scale both providers accept. */
    public WeightedTargetGroups weigh(String primary, String canary, Weights weights) {
        return weigh(primary, canary, Optional.empty(), weights);
    }

    /**
     * As {@link #weigh(String, String, Weights)}, and a judge's equal baseline, where the rule forwards to one, served
     * like the canary: it takes the canary's weight out of the primary's share (only what the primary has, past half),
     * never out of the canary's. All traffic on the primary leaves the baseline none.
     */
    public WeightedTargetGroups weigh(String primary, String canary, Optional<String> baseline, Weights weights) {
        ProviderWeights scaled = ProviderWeights.of(weights);
        int alike = baseline.isPresent() ? Math.min(scaled.canary(), scaled.primary()) : 0;
        List<WeightedTarget> weighed = new ArrayList<>(List.of(new WeightedTarget(primary, scaled.primary() - alike),
                new WeightedTarget(canary, scaled.canary())));
        baseline.ifPresent(group -> weighed.add(new WeightedTarget(group, alike)));
        return weigh(weighed);
    }

    /**
     * The groups without {@code adopted}, the team's group at its weight as adopted; without that weight (an app
     * adopted before it was recorded), at the weight the leaving group had. Unchanged when {@code adopted} is gone.
     */
    public WeightedTargetGroups giveBack(String adopted, String team, OptionalInt adoptedWeight) {
        OptionalInt leaving = weightOf(adopted);
        if (leaving.isEmpty()) {
            return this;
        }
        int weight = adoptedWeight.orElse(leaving.getAsInt());
        return new WeightedTargetGroups(targets.stream().filter(target -> !target.group().equals(adopted))
                .map(target -> target.group().equals(team) ? new WeightedTarget(team, weight) : target)
                .toList(), omittedWeight);
    }

    /**
     * The tracks' shares; a track the rule does not forward to receives nothing.
     *
     * @return empty when neither track receives anything
     */
    public Optional<Weights> readBack(String primary, String canary) {
        return readBack(primary, canary, Optional.empty());
    }

    /**
     * The tracks' shares, a judge's baseline counted with the primary: both serve the stable revision, and the
     * rollout's weights are the release's share against it.
     *
     * @return empty when no track receives anything
     */
    public Optional<Weights> readBack(String primary, String canary, Optional<String> baseline) {
        int alike = baseline.map(this::weightOf).filter(OptionalInt::isPresent).map(OptionalInt::getAsInt).orElse(0);
        return ProviderWeights.readBack(Math.max(0, weightOf(primary).orElse(0)) + alike,
                weightOf(canary).orElse(-1));
    }

    private Optional<WeightedTarget> find(String group) {
        return targets.stream().filter(target -> target.group().equals(group)).findFirst();
    }

    private int effective(WeightedTarget target) {
        return target.weight() == null ? omittedWeight : target.weight();
    }
}
