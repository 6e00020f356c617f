package io.meshcanary.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WeightedTargetGroupsTest {

    private static final String TEAM = "orders";
    private static final String PRIMARY = "orders-primary";
    private static final String LEGACY = "orders-legacy";
    private static final String BASELINE = "orders-baseline";

    private static WeightedTargetGroups rule(WeightedTarget... targets) {
        return new WeightedTargetGroups(List.of(targets), 1);
    }

    private static WeightedTarget at(String group, Integer weight) {
        return new WeightedTarget(group, weight);
    }

    @Test
    void adoptingAddsTheGroupAtZeroAndKeepsEveryOtherGroupsWeight() {
        WeightedTargetGroups adopted = rule(at(TEAM, 5), at(LEGACY, 50)).adopt(PRIMARY);

        assertThat(adopted.targets()).containsExactly(at(TEAM, 5), at(LEGACY, 50), at(PRIMARY, 0));
        assertThat(adopted.readBack(PRIMARY, TEAM)).contains(Weights.canaryAt(100));
    }

    @Test
    void adoptingWritesOutAnOmittedWeightAsTheProviderReadsIt() {
        WeightedTargetGroups lattice = new WeightedTargetGroups(List.of(at(TEAM, null)), 100);

        assertThat(lattice.adopt(PRIMARY).targets()).containsExactly(at(TEAM, 100), at(PRIMARY, 0));
        assertThat(rule(at(TEAM, null)).adopt(PRIMARY).targets()).containsExactly(at(TEAM, 1), at(PRIMARY, 0));
    }

    @Test
    void adoptingAGroupAlreadyThereChangesNothing() {
        WeightedTargetGroups adopted = rule(at(TEAM, 891), at(PRIMARY, 9), at(LEGACY, null));

        assertThat(adopted.adopt(PRIMARY)).isSameAs(adopted);
    }

    @Test
    void anOmittedWeightCountsAsTheProvidersDefault() {
        assertThat(rule(at(TEAM, null)).weightOf(TEAM)).hasValue(1);
        assertThat(new WeightedTargetGroups(List.of(at(TEAM, null)), 100).weightOf(TEAM)).hasValue(100);
        assertThat(rule(at(TEAM, null)).weightOf(PRIMARY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 50, 99, 100})
    void weighingTheTracksMovesOnlyTheirGroupsAndReadsBackTheSameShare(int canary) {
        WeightedTargetGroups weighed = rule(at(TEAM, 1), at(LEGACY, 50), at(PRIMARY, 0))
                .weigh(PRIMARY, TEAM, Weights.canaryAt(canary));

        assertThat(weighed.targets()).containsExactly(at(TEAM, canary * ProviderWeights.SCALE), at(LEGACY, 50),
                at(PRIMARY, (100 - canary) * ProviderWeights.SCALE));
        assertThat(weighed.readBack(PRIMARY, TEAM)).contains(Weights.canaryAt(canary));
    }

    @Test
    void aThirdGroupIsWeighedBesideTheTracks() {
        WeightedTargetGroups weighed = rule(at(TEAM, 0), at(PRIMARY, 999), at(BASELINE, 0), at(LEGACY, null))
                .weigh(List.of(at(PRIMARY, 800), at(TEAM, 100), at(BASELINE, 100)));

        assertThat(weighed.targets()).containsExactly(at(TEAM, 100), at(PRIMARY, 800), at(BASELINE, 100),
                at(LEGACY, null));
        assertThat(weighed.readBack(PRIMARY, TEAM)).contains(Weights.canaryAt(11));
    }

    @ParameterizedTest(name = "canary at {0}%: primary {1}, baseline and canary {2} each")
    @CsvSource({"0, 900, 0", "10, 720, 90", "50, 0, 450"})
    void anEqualBaselineTakesTheCanarysWeightFromThePrimary(int canary, int primary, int alike) {
        WeightedTargetGroups weighed = rule(at(TEAM, 0), at(PRIMARY, 999), at(BASELINE, 0))
                .weigh(PRIMARY, TEAM, Optional.of(BASELINE), Weights.canaryAt(canary));

        assertThat(weighed.targets()).containsExactly(at(TEAM, alike), at(PRIMARY, primary), at(BASELINE, alike));
        assertThat(weighed.readBack(PRIMARY, TEAM, Optional.of(BASELINE))).contains(Weights.canaryAt(canary));
    }

    @Test
    void anEqualBaselineBesideACanaryPastHalfTakesOnlyWhatThePrimaryHas() {
        WeightedTargetGroups weighed = rule(at(TEAM, 0), at(PRIMARY, 999), at(BASELINE, 0))
                .weigh(PRIMARY, TEAM, Optional.of(BASELINE), Weights.canaryAt(80));

        assertThat(weighed.targets()).containsExactly(at(TEAM, 720), at(PRIMARY, 0), at(BASELINE, 180));
        assertThat(weighed.readBack(PRIMARY, TEAM, Optional.of(BASELINE))).contains(Weights.canaryAt(80));
        assertThat(weighed.weigh(PRIMARY, TEAM, Optional.of(BASELINE), Weights.ALL_PRIMARY).targets())
                .containsExactly(at(TEAM, 0), at(PRIMARY, 900), at(BASELINE, 0));
    }

    @Test
    void weighingAGroupTheRuleDoesNotForwardToIsRefusedByName() {
        WeightedTargetGroups rule = rule(at(TEAM, 1), at(LEGACY, 50));

        assertThatThrownBy(() -> rule.weigh(PRIMARY, TEAM, Weights.canaryAt(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(PRIMARY);
        assertThat(rule.targets()).containsExactly(at(TEAM, 1), at(LEGACY, 50));
    }

    @Test
    void givingBackRemovesTheAdoptedGroupAndRestoresTheTeamsWeightAsAdopted() {
        WeightedTargetGroups given = rule(at(TEAM, 0), at(LEGACY, 50), at(PRIMARY, 999))
                .giveBack(PRIMARY, TEAM, OptionalInt.of(5));

        assertThat(given.targets()).containsExactly(at(TEAM, 5), at(LEGACY, 50));
    }

    @Test
    void givingBackWithoutARecordedWeightHandsTheTeamTheLeavingGroupsWeight() {
        WeightedTargetGroups given = rule(at(TEAM, 0), at(PRIMARY, 999), at(LEGACY, 50))
                .giveBack(PRIMARY, TEAM, OptionalInt.empty());

        assertThat(given.targets()).containsExactly(at(TEAM, 999), at(LEGACY, 50));
    }

    @Test
    void givingBackTwiceChangesNothingTheSecondTime() {
        WeightedTargetGroups given = rule(at(TEAM, 0), at(PRIMARY, 999)).giveBack(PRIMARY, TEAM, OptionalInt.of(1));

        assertThat(given.giveBack(PRIMARY, TEAM, OptionalInt.of(1))).isSameAs(given);
    }

    @Test
    void weightsSetByHandReadBackAsTheNearestShareWhateverElseTheRuleWeighs() {
        assertThat(rule(at(TEAM, 1), at(PRIMARY, 3), at(LEGACY, 50)).readBack(PRIMARY, TEAM))
                .contains(Weights.canaryAt(25));
    }

    @Test
    void aTrackWithoutAGroupReceivesNothingAndNoGroupsReadNoShare() {
        assertThat(rule(at(TEAM, 7), at(LEGACY, 50)).readBack(PRIMARY, TEAM)).contains(Weights.canaryAt(100));
        assertThat(rule(at(TEAM, 0), at(PRIMARY, 0), at(LEGACY, 50)).readBack(PRIMARY, TEAM)).isEmpty();
        assertThat(rule(at(LEGACY, 50)).readBack(PRIMARY, TEAM)).isEmpty();
    }

    @Test
    void aWeightOutsideWhatTheProvidersAcceptIsRefused() {
        assertThatThrownBy(() -> at(TEAM, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000");
        assertThatThrownBy(() -> at(TEAM, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
