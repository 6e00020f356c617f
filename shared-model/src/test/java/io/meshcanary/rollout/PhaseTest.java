package io.meshcanary.rollout;

import static io.meshcanary.rollout.Phase.ABORTED;
import static io.meshcanary.rollout.Phase.FAILED;
import static io.meshcanary.rollout.Phase.INITIALIZING;
import static io.meshcanary.rollout.Phase.OFFBOARDED;
import static io.meshcanary.rollout.Phase.OFFBOARDING;
import static io.meshcanary.rollout.Phase.PROGRESSING;
import static io.meshcanary.rollout.Phase.PROMOTING;
import static io.meshcanary.rollout.Phase.ROLLING_BACK;
import static io.meshcanary.rollout.Phase.SUCCEEDED;
import static io.meshcanary.rollout.Phase.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transition table by the rules the workflow, the fast path and offboarding rely on, each stated once: a change
 * to the table that breaks one of them fails here, without the table being written out a second time.
 */
class PhaseTest {

    /** The phases of a rollout that still moves traffic forward: an abort, a rollback or a newer one may end it. */
    private static final Set<Phase> MOVING = EnumSet.of(INITIALIZING, PROGRESSING, PROMOTING);

    @Test
    void onlySucceededFailedSupersededAndOffboardedAreTerminal() {
        assertThat(Stream.of(Phase.values()).filter(Phase::terminal))
                .containsExactlyInAnyOrder(SUCCEEDED, FAILED, SUPERSEDED, OFFBOARDED);
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void aTerminalPhaseMovesNowhereAndEveryOtherReachesATerminalOne(Phase from) {
        Set<Phase> reached = reachableFrom(from);

        if (from.terminal()) {
            assertThat(reached).as("moves out of " + from).isEmpty();
        } else {
            assertThat(reached).as("what %s leads to", from).anyMatch(Phase::terminal);
        }
    }

    @Test
    void aReleaseStepsThroughProgressingAndPromotingToSucceeded() {
        assertThat(path(INITIALIZING, PROGRESSING, PROGRESSING, PROMOTING, SUCCEEDED)).isTrue();
        assertThat(INITIALIZING.canMoveTo(SUCCEEDED)).as("a bootstrap, which has no steps").isTrue();
        assertThat(INITIALIZING.canMoveTo(PROMOTING)).as("a promotion before any step").isFalse();
        assertThat(PROGRESSING.canMoveTo(SUCCEEDED)).as("a promotion without the primary's new revision").isFalse();
        assertThat(PROMOTING.canMoveTo(PROGRESSING)).as("a promotion that steps back").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"INITIALIZING", "PROGRESSING", "PROMOTING"})
    void aMovingRolloutCanBeAbortedRolledBackOrSuperseded(Phase moving) {
        assertThat(moving.canMoveTo(ABORTED)).isTrue();
        assertThat(moving.canMoveTo(ROLLING_BACK)).isTrue();
        assertThat(moving.canMoveTo(SUPERSEDED)).isTrue();
        assertThat(moving.canMoveTo(FAILED)).as("failed without a rollback").isFalse();
    }

    @Test
    void anAbortedRolloutEndsFailedOrSupersededAndNeverMovesTrafficForwardAgain() {
        assertThat(reachableFrom(ABORTED)).containsExactlyInAnyOrder(ROLLING_BACK, FAILED, SUPERSEDED);
        assertThat(ABORTED.canMoveTo(ABORTED)).as("a second abort writes no second transition").isFalse();
    }

    @Test
    void aRollbackEndsFailedAndNothingElse() {
        assertThat(reachableFrom(ROLLING_BACK)).containsExactly(FAILED);
        assertThat(Stream.of(Phase.values()).filter(phase -> phase.canMoveTo(FAILED)))
                .containsExactlyInAnyOrder(ABORTED, ROLLING_BACK);
    }

    @Test
    void offboardingStartsOnlyWhereNothingMovesAndEndsOffboarded() {
        assertThat(Stream.of(Phase.values()).filter(phase -> phase.canMoveTo(OFFBOARDING)))
                .containsExactly(INITIALIZING);
        assertThat(reachableFrom(OFFBOARDING)).containsExactly(OFFBOARDED);
        assertThat(Stream.of(Phase.values()).filter(phase -> phase.canMoveTo(OFFBOARDED)))
                .containsExactly(OFFBOARDING);
    }

    @Test
    void nothingLeadsBackToInitializingOrIntoAMovingPhaseFromAnEndedOne() {
        assertThat(Stream.of(Phase.values()).filter(phase -> phase.canMoveTo(INITIALIZING))).isEmpty();
        for (Phase from : EnumSet.complementOf(EnumSet.copyOf(MOVING))) {
            assertThat(reachableFrom(from)).as("what %s leads to", from).doesNotContainAnyElementsOf(MOVING);
        }
    }

    private static boolean path(Phase... phases) {
        List<Phase> steps = List.of(phases);
        for (int i = 1; i < steps.size(); i++) {
            if (!steps.get(i - 1).canMoveTo(steps.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Every phase some sequence of allowed moves reaches from {@code from}, itself only through a cycle. */
    private static Set<Phase> reachableFrom(Phase from) {
        Set<Phase> reached = EnumSet.noneOf(Phase.class);
        Deque<Phase> next = new ArrayDeque<>(List.of(from));
        while (!next.isEmpty()) {
            Phase phase = next.pop();
            for (Phase to : Phase.values()) {
                if (phase.canMoveTo(to) && reached.add(to)) {
                    next.push(to);
                }
            }
        }
        return reached;
    }
}
