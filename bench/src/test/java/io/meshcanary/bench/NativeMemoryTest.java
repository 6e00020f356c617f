package io.meshcanary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    /** Cut from what a JDK 25 function JVM printed at exit with -XX:+PrintNMTStatistics. */
    private static final String SUMMARY = """
            Native Memory Tracking:

            Total: reserved=1505312673, committed=69832609
                   malloc: 15019937 #74931, peak=13682866 #74925
                   mmap:   reserved=1490292736, committed=54812672

            -                 Java Heap (reserved=268435456, committed=16777216)
                                        (mmap: reserved=268435456, committed=16777216, at peak)

            -                     Class (reserved=1074050638, committed=2537038)
                                        (classes #4717)

            -                      Code (reserved=51709760, committed=3827520)
                                        (malloc=983912 tag=Code #7987) (peak=983920 #7988)

            -        Shared class space (reserved=16777312, committed=14241888, readonly=0)

            -                 Metaspace (reserved=67168480, committed=17819872)
                                        (mmap: reserved=67108864, committed=17760256, at peak)
            """;

    @Test
    void classMetadataIsNmtsClassAndMetaspaceTogether() {
        NativeMemory memory = NativeMemory.parse(SUMMARY);

        assertThat(memory.heap()).isEqualTo(16_777_216);
        assertThat(memory.classMetadata()).isEqualTo(2_537_038 + 17_819_872);
        assertThat(memory.code()).isEqualTo(3_827_520);
        assertThat(memory.sharedArchive()).isEqualTo(14_241_888);
        assertThat(memory.other())
                .isEqualTo(69_832_609 - 16_777_216 - 2_537_038 - 17_819_872 - 3_827_520 - 14_241_888);
    }

    @Test
    void outputWithoutASummaryIsRefused() {
        assertThatThrownBy(() -> NativeMemory.parse("cold-start-outcome: ok\n"))
                .hasMessage("no Native Memory Tracking summary in the JVM's output");
    }
}
