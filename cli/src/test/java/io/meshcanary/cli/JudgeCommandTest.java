package io.meshcanary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshcanary judge} on exported samples: offline, no stack, one JSON object or a named error with exit 2. */
class JudgeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** No local runtime and no stack: the verb must not need one. */
    private static final Map<String, String> OFFLINE = Map.of();

    @TempDir
    Path folder;

    @Test
    void printsTheClassTheTestAndBothTracks() throws IOException {
        // R 4.2.2: wilcox.test(c(1.83,0.50,1.62,2.48,1.68,1.88,1.55,3.06,1.30), c(0.878,0.647,0.598,2.05,1.06,1.29,
        // 1.07,3.14,1.28), conf.int = TRUE, conf.level = 0.98) gives W 58, p 0.13591114767585355, [-0.5, 1.232]
        Path canary = write("canary.json", "[1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]");
        Path baseline = write("baseline.txt", "0.878\n0.647\n0.598\n2.05\n\n1.06\n1.29\n1.07\n3.14\n1.28\n");

        Run run = Run.cli(OFFLINE, "judge", "--canary", canary.toString(), "--baseline", baseline.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("classification").asText()).isEqualTo("Pass");
        assertThat(out.get("statistic").asDouble()).isEqualTo(58);
        assertThat(out.get("pValue").asDouble()).isCloseTo(0.13591114767585355, within(1e-12));
        assertThat(out.get("exact").asBoolean()).isTrue();
        assertThat(out.get("hodgesLehmann").asDouble()).isCloseTo(0.56, within(1e-12));
        assertThat(out.get("interval").get(0).asDouble()).isCloseTo(-0.5, within(1e-12));
        assertThat(out.get("interval").get(1).asDouble()).isCloseTo(1.232, within(1e-12));
        assertThat(out.get("canary").get("count").asInt()).isEqualTo(9);
        assertThat(out.get("canary").get("median").asDouble()).isEqualTo(1.68);
        assertThat(out.get("baseline").get("count").asInt()).isEqualTo(9);
        assertThat(out.get("baseline").get("mean").asDouble()).isCloseTo(12.013 / 9, within(1e-12));
    }

    @Test
    void aRiseBeyondTheAllowedIncreaseIsHighAndWithinItPasses() throws IOException {
        Path canary = write("canary.json", "[130, 131, 129, 135, 128, 133, 132, 134, 130, 136]");
        Path baseline = write("baseline.json", "[100, 101, 99, 103, 98, 102, 100, 104, 97, 101]");

        JsonNode high = JSON.readTree(Run.cli(OFFLINE, "judge", "--canary", canary.toString(), "--baseline",
                baseline.toString()).out());
        JsonNode allowed = JSON.readTree(Run.cli(OFFLINE, "judge", "--canary", canary.toString(), "--baseline",
                baseline.toString(), "--allowed-increase", "1.4").out());
        JsonNode decrease = JSON.readTree(Run.cli(OFFLINE, "judge", "--canary", baseline.toString(), "--baseline",
                canary.toString(), "--direction", "decrease", "--confidence", "0.9").out());

        assertThat(high.get("classification").asText()).isEqualTo("High");
        assertThat(allowed.get("classification").asText()).isEqualTo("Pass");
        assertThat(decrease.get("classification").asText()).isEqualTo("Low");
    }

    @Test
    void anEmptyFileIsNoDataWithoutATest() throws IOException {
        Run run = Run.cli(OFFLINE, "judge", "--canary", write("canary.json", "[]").toString(), "--baseline",
                write("baseline.json", "[1, 2]").toString());

        JsonNode out = JSON.readTree(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(out.get("classification").asText()).isEqualTo("NoData");
        assertThat(out.get("pValue").isNull()).isTrue();
        assertThat(out.get("canary").get("count").asInt()).isZero();
        assertThat(out.get("canary").get("median").isNull()).isTrue();
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path missing = folder.resolve("nowhere.json");

        Run run = Run.cli(OFFLINE, "judge", "--canary", missing.toString(), "--baseline",
                write("baseline.json", "[1]").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(missing + ": no such file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aValueThatIsNotANumberIsNamedWithItsPlace() throws IOException {
        Path baseline = write("baseline.json", "[1]");

        Run jsonItem = Run.cli(OFFLINE, "judge", "--canary", write("a.json", "[1, \"fast\", 3]").toString(),
                "--baseline", baseline.toString());
        Run line = Run.cli(OFFLINE, "judge", "--canary", write("b.txt", "1\n2\nslow\n").toString(), "--baseline",
                baseline.toString());
        Run notFinite = Run.cli(OFFLINE, "judge", "--canary", write("c.txt", "1\nNaN\n").toString(), "--baseline",
                baseline.toString());
        Run broken = Run.cli(OFFLINE, "judge", "--canary", write("d.json", "[1, 2").toString(), "--baseline",
                baseline.toString());

        assertThat(jsonItem.exitCode()).isEqualTo(2);
        assertThat(jsonItem.err()).contains("a.json: item 1 is \"fast\", not a number");
        assertThat(line.exitCode()).isEqualTo(2);
        assertThat(line.err()).contains("b.txt: line 3 is \"slow\", not a number");
        assertThat(notFinite.exitCode()).isEqualTo(2);
        assertThat(notFinite.err()).contains("c.txt: line 2 is NaN, not a finite number");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("d.json: is not a JSON array of numbers");
        assertThat(jsonItem.out() + line.out() + notFinite.out() + broken.out()).isEmpty();
    }

    @Test
    void aConfidenceOutsideZeroToOneIsRefused() throws IOException {
        Path samples = write("samples.json", "[1, 2, 3]");

        for (String confidence : new String[] {"0", "1", "1.5", "-0.2"}) {
            Run run = Run.cli(OFFLINE, "judge", "--canary", samples.toString(), "--baseline", samples.toString(),
                    "--confidence", confidence);

            assertThat(run.exitCode()).as(confidence).isEqualTo(2);
            assertThat(run.err()).contains("confidence must lie in (0, 1), was " + Double.parseDouble(confidence));
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void anUnknownDirectionAndAnAllowedChangeOnTheWrongSideOfOneAreRefused() throws IOException {
        Path samples = write("samples.json", "[1, 2, 3]");

        Run direction = Run.cli(OFFLINE, "judge", "--canary", samples.toString(), "--baseline", samples.toString(),
                "--direction", "up");
        Run increase = Run.cli(OFFLINE, "judge", "--canary", samples.toString(), "--baseline", samples.toString(),
                "--allowed-increase", "0.8");

        assertThat(direction.exitCode()).isEqualTo(2);
        assertThat(direction.err()).contains("must be increase, decrease or either, was up");
        assertThat(increase.exitCode()).isEqualTo(2);
        assertThat(increase.err()).contains("allowedIncrease must be a ratio of at least 1, was 0.8");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
