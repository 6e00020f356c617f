package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The EMF metrics the functions publish during real rollouts (the local runtime writes them to the function log, as
 * Lambda writes them to CloudWatch Logs), and the template's dashboard, whose searches must find them: a search for
 * a metric under dimensions it is not published with shows an empty graph and no error.
 */
// Beside other tests, as every emulator test: the function host gives each invocation its own trace header, by which
// Powertools keeps each invocation's metrics apart (InvokerTest), where one flush once emitted another's.
class RolloutMetricsEmulatorTest {

    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{MeshCanary,([^}]*)} ([^']*)'");
    private static final Pattern METRIC_NAME = Pattern.compile("MetricName=\"([^\"]+)\"");

    @Test
    void promotedAndAlarmedRolloutsPublishWhatTheDashboardSearches() {
        CanaryApp app = new CanaryApp();
        ObjectNode spec = app.spec().put("intervalSeconds", 4);
        spec.putObject("steps").putArray("weights").add(25).add(50);
        app.bootstrap(spec);
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        app.awaitRollout(v2, "SUCCEEDED");
        String v3 = app.registerRevision("orders:3");
        app.deploy(v3);
        app.awaitStep(v3, 1);
        app.shop.fireAlarm(SampleEvents.repositoryRoot().resolve("events"), "5xx above threshold");
        app.awaitRollout(v3, "FAILED");

        String appKey = app.cluster + "/" + app.app;
        List<JsonNode> ofThisApp = Eventually.until(() -> published(record -> appKey.equals(record.path("App")
                .asText())), records -> names(records).contains("Rollbacks"), "the rollback's metrics");
        assertThat(values(ofThisApp, "CanaryWeight")).containsExactly(25.0, 50.0, 25.0);
        assertThat(values(ofThisApp, "Promotions")).containsExactly(1.0);
        assertThat(values(ofThisApp, "Rollbacks")).containsExactly(1.0);
        assertThat(values(ofThisApp, "RolloutDuration")).hasSize(2).allSatisfy(seconds -> assertThat(seconds)
                .isPositive());
        assertThat(names(ofThisApp)).contains("RolloutsStarted", "Analysis_continue", "Analysis_promote");

        List<JsonNode> everything = published(record -> true);
        assertThat(names(everything)).contains("AlarmAborts");
        dashboardSearches().forEach(search -> search.metricNames().stream()
                .filter(names(everything)::contains)
                .forEach(name -> assertThat(dimensionSets(everything, name)).as("dimension sets of %s", name)
                        .contains(search.dimensions())));
    }

    /** The EMF records of the function log that match; each is one flush of one invocation. */
    private static List<JsonNode> published(Predicate<JsonNode> matching) {
        return FunctionLog.lines(line -> line.has("_aws") && matching.test(line));
    }

    private static Set<String> names(List<JsonNode> records) {
        Set<String> names = new TreeSet<>();
        records.forEach(record -> declarations(record).forEach(declaration -> declaration.path("Metrics")
                .forEach(metric -> names.add(metric.path("Name").asText()))));
        return names;
    }

    private static List<Double> values(List<JsonNode> records, String name) {
        return records.stream().filter(record -> record.has(name)).map(record -> record.get(name).asDouble())
                .toList();
    }

    /** Every dimension set {@code name} is published under, each as its names in order. */
    private static Set<List<String>> dimensionSets(List<JsonNode> records, String name) {
        Set<List<String>> sets = new HashSet<>();
        records.stream().filter(record -> record.has(name)).forEach(record -> declarations(record)
                .forEach(declaration -> declaration.path("Dimensions").forEach(set -> sets.add(
                        StreamSupport.stream(set.spliterator(), false).map(JsonNode::asText).toList()))));
        return sets;
    }

    private static Iterable<JsonNode> declarations(JsonNode record) {
        return record.path("_aws").path("CloudWatchMetrics");
    }

    private static List<Search> dashboardSearches() {
        try {
            JsonNode template = new ObjectMapper(new YAMLFactory())
                    .readTree(SampleEvents.repositoryRoot().resolve("template.yaml").toFile());
            // Jackson reads the short form (!Sub |) as the plain text, the tag left out.
            String body = template.path("Resources").path("RolloutDashboard").path("Properties")
                    .path("DashboardBody").asText();
            List<Search> searches = new ArrayList<>();
            Matcher search = SEARCH.matcher(body.replace("\\\"", "\""));
            while (search.find()) {
                List<String> metricNames = METRIC_NAME.matcher(search.group(2)).results().map(m -> m.group(1))
                        .toList();
                searches.add(new Search(List.of(search.group(1).split(",")), metricNames));
            }
            assertThat(searches).as("the dashboard's searches").isNotEmpty();
            return searches;
        } catch (IOException e) {
            throw new UncheckedIOException("read template.yaml", e);
        }
    }

    private record Search(List<String> dimensions, List<String> metricNames) {
    }
}
