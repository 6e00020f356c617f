package io.meshcanary.nativemode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.spec.InvalidSpecException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficGridTest {

    @ParameterizedTest(name = "LINEAR {0}% stops at {1}")
    @CsvSource(delimiter = ';', value = {
            "10; 10, 20, 30, 40, 50, 60, 70, 80, 90, 100",
            "30; 30, 60, 90, 100",
            "12.5; 12.5, 25, 37.5, 50, 62.5, 75, 87.5, 100",
            "3.3; 3.3, 6.6, 9.9, 13.2, 16.5, 19.8, 23.1, 26.4, 29.7, 33, 36.3, 39.6, 42.9, 46.2, 49.5, 52.8, 56.1,"
                    + " 59.4, 62.7, 66, 69.3, 72.6, 75.9, 79.2, 82.5, 85.8, 89.1, 92.4, 95.7, 99, 100",
            "100; 100"})
    void linearStopsAfterEveryStepAndLastAtAHundred(double stepPercent, String stops) {
        assertThat(TrafficGrid.linear(stepPercent).describe()).isEqualTo(stops);
    }

    @Test
    void canaryStopsAtItsPercentThenAtAHundred() {
        assertThat(TrafficGrid.canary(5).describe()).isEqualTo("5, 100");
        assertThat(TrafficGrid.canary(0.1).describe()).isEqualTo("0.1, 100");
        assertThat(TrafficGrid.canary(100).describe()).isEqualTo("100");
    }

    @Test
    void blueGreenStopsOnlyAtAHundred() {
        assertThat(TrafficGrid.blueGreen().describe()).isEqualTo("100");
    }

    @Test
    void weightsOnTheGridPass() {
        assertThatCode(() -> TrafficGrid.linear(12.5).requireOnGrid(List.of(25, 50, 100))).doesNotThrowAnyException();
        assertThatCode(() -> TrafficGrid.canary(20).requireOnGrid(List.of(20, 100))).doesNotThrowAnyException();
    }

    @Test
    void aWeightOffTheGridIsNamedWithTheGridTheServiceHas() {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> TrafficGrid.linear(10).requireOnGrid(List.of(10, 25, 50)));

        assertThat(error).hasMessage("steps.weights[1]: 25 is not a weight at which the service's LINEAR with"
                + " stepPercent 10 deployment stops; it stops at 10, 20, 30, 40, 50, 60, 70, 80, 90, 100");
    }

    @Test
    void aCanaryWeightOffItsPercentIsNamed() {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> TrafficGrid.canary(5).requireOnGrid(List.of(10)));

        assertThat(error.field()).isEqualTo("steps.weights[0]");
        assertThat(error.problem()).endsWith("CANARY with canaryPercent 5 deployment stops; it stops at 5, 100");
    }

    @Test
    void aBlueGreenSpecMayHoldOnlyAtAHundred() {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> TrafficGrid.blueGreen().requireOnGrid(List.of(50, 100)));

        assertThat(error).hasMessage("steps.weights[0]: 50 is not a weight at which the service's BLUE_GREEN"
                + " deployment stops; it stops at 100");
    }
}
