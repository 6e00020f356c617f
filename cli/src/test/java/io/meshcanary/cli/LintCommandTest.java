package io.meshcanary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.testing.SampleFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshcanary lint} on every invalid example of docs/canary-spec.md: the example spec broken the way the doc
 * shows, and the error the doc prints, word for word, with exit code 2. Lint needs no stack, so these run offline.
 */
class LintCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOC = "docs/canary-spec.md";

    /** Each error the doc shows, and the break of the example spec that the doc says causes it. */
    private static final Map<String, Consumer<ObjectNode>> DOC_ERRORS = new LinkedHashMap<>();

    static {
        DOC_ERRORS.put("steps.weights[2]: must be greater than the weight before it (50), was 20",
                spec -> spec.putObject("steps").putArray("weights").add(10).add(50).add(20));
        DOC_ERRORS.put("analysis.metrics[0].queries: has 2 queries with returnData true (errors, rate); set"
                        + " returnData false on all but one",
                spec -> ((ObjectNode) spec.at("/analysis/metrics/0/queries/0")).remove("returnData"));
        DOC_ERRORS.put("gates.preStep.url: must be an https URL; plain http is allowed only for localhost and"
                        + " 127.0.0.1",
                spec -> spec.withObjectProperty("gates").putObject("preStep").put("type", "webhook")
                        .put("url", "http://gates.example.com/orders"));
        DOC_ERRORS.put("router.ruleArn: does not belong to this type of router",
                spec -> ((ObjectNode) spec.get("router")).put("ruleArn", "arn:aws:elasticloadbalancing:eu-west-1:"
                        + "123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee"));
    }

    @TempDir
    Path folder;

    @Test
    void everyErrorTheDocShowsIsCoveredHere() throws IOException {
        String doc = Files.readString(SampleFiles.root().resolve(DOC));
        String block = doc.substring(doc.indexOf("```\n", doc.indexOf("says what is wrong:")) + 4);
        List<String> shown = Arrays.asList(block.substring(0, block.indexOf("```")).strip().split("\n"));

        assertThat(DOC_ERRORS.keySet()).containsAll(shown);
        assertThat(doc).as("the inline example").contains("`" + "router.ruleArn: does not belong to this type of"
                + " router" + "`");
    }

    @Test
    void eachInvalidExampleOfTheDocFailsWithItsNamedErrorAndExitCode2() throws IOException {
        for (Map.Entry<String, Consumer<ObjectNode>> error : DOC_ERRORS.entrySet()) {
            Path spec = write("broken.json", SampleFiles.edited(SampleFiles.ORDERS_SPEC, error.getValue()));

            Run run = Run.cli("lint", spec.toString());

            assertThat(run.exitCode()).as(error.getKey()).isEqualTo(2);
            assertThat(run.err()).as(error.getKey()).isEqualTo(spec + ": " + error.getKey() + "\n");
        }
    }

    @Test
    void misspeltFieldIsNamedRatherThanLeftAtItsDefault() throws IOException {
        Path spec = write("misspelt.json", SampleFiles.edited(SampleFiles.ORDERS_SPEC, document -> document
                .set("intervalSecond", document.remove("intervalSeconds"))));

        Run run = Run.cli("lint", spec.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(spec + ": intervalSecond: is not a known field here");
    }

    @Test
    void unknownPlaceholderIsNamedWithItsField() throws IOException {
        Path spec = write("placeholder.json", SampleFiles.edited(SampleFiles.ORDERS_SPEC, document ->
                ((ObjectNode) document.at("/analysis/metrics/0/queries/0/metric/dimensions")).put("Mesh",
                        "{{region}}")));

        Run run = Run.cli("lint", spec.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(spec + ": analysis.metrics[0].queries[0]").contains("{{region}}");
    }

    @Test
    void jsonOutputNamesTheFieldAndTheProblem() throws IOException {
        Path spec = write("broken.json", SampleFiles.edited(SampleFiles.ORDERS_SPEC,
                document -> document.putObject("steps").putArray("weights").add(10).add(50).add(20)));

        Run run = Run.cli("lint", "--output", "json", spec.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree("""
                {"file": "%s", "valid": false, "field": "steps.weights[2]",
                 "problem": "must be greater than the weight before it (50), was 20"}""".formatted(spec)));
    }

    @Test
    void examplesOfTheRepositoryAreValid() {
        for (String example : List.of(
                SampleFiles.ORDERS_SPEC, "examples/orders-alb.canary.json", "examples/orders-lattice.canary.json")) {
            Run run = Run.cli("lint", SampleFiles.root().resolve(example).toString());

            assertThat(run.exitCode()).as(example).isZero();
            assertThat(run.out()).as(example).endsWith(example + ": valid\n");
        }
    }

    @Test
    void aNativeCheckOnTheTargetGroupIsValidWithANoteThatServiceConnectCannotSupplyIt() throws IOException {
        JsonNode errorRate = JSON.readTree(SampleFiles.read("examples/orders-alb.canary.json"))
                .at("/analysis/metrics/0");
        Path spec = write("native.json", SampleFiles.edited("examples/orders-native.canary.json", document -> document
                .withObjectProperty("analysis").putArray("metrics").add(errorRate)));

        Run run = Run.cli("lint", spec.toString());
        Run json = Run.cli("lint", "--output", "json", spec.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(spec + ": valid\n" + spec + ": note: analysis.metrics[0]: uses"
                + " {{loadBalancer}}, which ECS's deployment supplies per revision only behind a load balancer or in"
                + " VPC Lattice: on Service Connect CloudWatch's metrics are per service, not per revision, and onboard"
                + " refuses the spec; check the app's own metric with a revision dimension there instead"
                + " (docs/modes.md#metrics-per-revision)\n");
        assertThat(JSON.readTree(json.out()).path("note").asText()).startsWith("analysis.metrics[0]: uses");
    }

    @Test
    void aNativeSpecWithoutThemHasNoNote() {
        Run run = Run.cli("lint", "--output", "json",
                SampleFiles.root().resolve("examples/orders-native.canary.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("note");
    }

    @Test
    void missingFileIsBadInputNamingTheFile() {
        Run run = Run.cli("lint", folder.resolve("absent.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read the spec file " + folder.resolve("absent.json"));
    }

    @Test
    void notJsonIsNamedAsTheDocument() throws IOException {
        Path spec = write("truncated.json", "{\"router\": ");

        Run run = Run.cli("lint", spec.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(spec + ": $: is not valid JSON");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }
}
