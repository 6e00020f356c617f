package io.meshcanary.rollout;

import static io.meshcanary.rollout.Phase.ABORTED;
import static io.meshcanary.rollout.Phase.FAILED;
import static io.meshcanary.rollout.Phase.INITIALIZING;
import static io.meshcanary.rollout.Phase.PROGRESSING;
import static io.meshcanary.rollout.Phase.PROMOTING;
import static io.meshcanary.rollout.Phase.ROLLING_BACK;
import static io.meshcanary.rollout.Phase.SUCCEEDED;
import static io.meshcanary.rollout.Phase.OFFBOARDED;
import static io.meshcanary.rollout.Phase.OFFBOARDING;
import static io.meshcanary.rollout.Phase.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole transition table, written out once more by hand, so that any change to it is a deliberate one. */
class PhaseTest {

    private static final Map<Phase, Set<Phase>> ALLOWED = Map.of(
            INITIALIZING, EnumSet.of(PROGRESSING, SUCCEEDED, ABORTED, ROLLING_BACK, SUPERSEDED, OFFBOARDING),
            PROGRESSING, EnumSet.of(PROGRESSING, PROMOTING, ABORTED, ROLLING_BACK, SUPERSEDED),
            PROMOTING, EnumSet.of(SUCCEEDED, ABORTED, ROLLING_BACK, SUPERSEDED),
            ABORTED, EnumSet.of(ROLLING_BACK, FAILED, SUPERSEDED),
            ROLLING_BACK, EnumSet.of(FAILED),
            SUCCEEDED, EnumSet.noneOf(Phase.class),
            FAILED, EnumSet.noneOf(Phase.class),
            SUPERSEDED, EnumSet.noneOf(Phase.class),
            OFFBOARDING, EnumSet.of(OFFBOARDED),
            OFFBOARDED, EnumSet.noneOf(Phase.class));

    static Stream<Arguments> everyPair() {
        return Stream.of(Phase.values()).flatMap(from -> Stream.of(Phase.values())
                .map(to -> Arguments.of(from, to, ALLOWED.get(from).contains(to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void transitionTableAllowsExactlyTheseMoves(Phase from, Phase to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @Test
    void onlySucceededFailedSupersededAndOffboardedAreTerminal() {
        assertThat(Stream.of(Phase.values()).filter(Phase::terminal))
                .containsExactlyInAnyOrder(SUCCEEDED, FAILED, SUPERSEDED, OFFBOARDED);
    }

    @Test
    void nothingLeadsBackToInitializingAndAnAbortedRolloutNeverSucceeds() {
        assertThat(Stream.of(Phase.values()).filter(phase -> phase.canMoveTo(INITIALIZING))).isEmpty();
        assertThat(ABORTED.canMoveTo(SUCCEEDED)).isFalse();
        assertThat(ABORTED.canMoveTo(PROGRESSING)).isFalse();
    }
}
