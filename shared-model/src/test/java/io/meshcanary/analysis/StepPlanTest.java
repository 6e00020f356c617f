package io.meshcanary.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StepPlanTest {

    private static final List<Integer> STEPS = List.of(10, 20, 50);

    @Test
    void firstStepIsTheFirstWeight() {
        assertThat(StepPlan.weightAfter(STEPS, 0)).hasValue(10);
    }

    @Test
    void walkingTheStepsVisitsEveryWeightOnceThenStops() {
        List<Integer> visited = new ArrayList<>();
        int done = 0;
        for (OptionalInt next = StepPlan.weightAfter(STEPS, done); next.isPresent();
                next = StepPlan.weightAfter(STEPS, ++done)) {
            visited.add(next.getAsInt());
        }

        assertThat(visited).isEqualTo(STEPS);
        assertThat(done).isEqualTo(STEPS.size());
    }

    @Test
    void allStepsDoneLeavesNoWeight() {
        assertThat(StepPlan.weightAfter(STEPS, 3)).isEmpty();
    }

    @Test
    void specShortenedDuringTheRolloutLeavesNoWeightRatherThanFailing() {
        assertThat(StepPlan.weightAfter(List.of(50), 2)).isEmpty();
    }

    @Test
    void negativeStepsDoneIsABug() {
        assertThatThrownBy(() -> StepPlan.weightAfter(STEPS, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
