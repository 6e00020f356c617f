package io.meshcanary.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What keeps a track from serving two tasks of revision 7, in the words a missed deadline gives an operator. */
class TrackTasksTest {

    @ParameterizedTest(name = "tasks {0}, {1} healthy: \"{2}\"")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            7 7     | 2    | ''
            7 7     | none | ''
            7       | none | 1 of 2 registered tasks of revision 7
            7       | 1    | 1 of 2 registered tasks of revision 7 (healthy targets: 1)
            7 7     | 1    | 2 of 2 registered tasks of revision 7 (healthy targets: 1)
            7 7 6   | 3    | 2 of 2 registered tasks of revision 7 (1 of another revision)
            7 6 6   | 0    | 1 of 2 registered tasks of revision 7 (healthy targets: 0; 2 of another revision)
            6       | none | 0 of 2 registered tasks of revision 7 (1 of another revision)
            """)
    void saysWhatTheTrackLacks(String revisions, Integer healthy, String lacking) {
        TrackTasks tasks = new TrackTasks(List.of(revisions.split(" ")),
                healthy == null ? OptionalInt.empty() : OptionalInt.of(healthy));

        assertThat(tasks.of("7").lacking(2).orElse("")).isEqualTo(lacking);
    }
}
