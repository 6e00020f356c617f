package io.meshcanary.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.TemplateCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * docs/iam.md tells users what each function may do and why; this keeps it true to template.yaml: every statement of
 * every function's policy, with its actions and the router provider it depends on, and nothing else.
 */
class IamDocumentationTest {

    private static final Path TEMPLATE = Path.of(System.getProperty("meshcanary.template", "../template.yaml"));
    private static final Pattern SECTION = Pattern.compile("^### (\\w+)$");
    private static final Pattern ROW = Pattern.compile("^\\| (\\w+) \\| ([^|]+) \\| [^|]+ \\| ([^|]*) \\| ([^|]*) \\|$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Map<String, String> PARAMETER_OF_CONDITION = Map.of(
            "AppMeshEnabled", "EnableAppMesh",
            "AlbEnabled", "EnableAlb",
            "LatticeEnabled", "EnableVpcLattice",
            "TargetGroupRoutersEnabled", "EnableAlb EnableVpcLattice");

    @Test
    void everyStatementOfEveryFunctionIsDocumentedWithItsActionsAndProvider() throws IOException {
        List<Row> rows = documented();
        Map<String, Map<String, Statement>> documented = new TreeMap<>();
        rows.forEach(row -> documented.computeIfAbsent(row.function(), function -> new TreeMap<>())
                .put(row.sid(), row.statement()));

        assertThat(documented).as("the statements docs/iam.md documents").isEqualTo(inTemplate());
        assertThat(rows).filteredOn(row -> row.why().isBlank()).as("statements documented without a why").isEmpty();
    }

    private static Map<String, Map<String, Statement>> inTemplate() throws IOException {
        JsonNode resources = TemplateCopy.decoded(TEMPLATE).path("Resources");
        Map<String, Map<String, Statement>> functions = new TreeMap<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                Map<String, Statement> statements = new TreeMap<>();
                resource.getValue().path("Properties").path("Policies").forEach(policy ->
                        policy.path("Statement").forEach(entry -> {
                            JsonNode conditional = entry.path("Fn::If");
                            JsonNode statement = conditional.isArray() ? conditional.get(1) : entry;
                            String provider = conditional.isArray()
                                    ? PARAMETER_OF_CONDITION.get(conditional.get(0).asText()) : "";
                            statements.put(statement.path("Sid").asText(),
                                    new Statement(actions(statement.path("Action")), provider));
                        }));
                functions.put(resource.getKey(), statements);
            }
        });
        return functions;
    }

    private static List<String> actions(JsonNode action) {
        return action.isArray() ? StreamSupport.stream(action.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(action.asText());
    }

    private static List<Row> documented() throws IOException {
        List<Row> rows = new ArrayList<>();
        String function = null;
        for (String line : Files.readAllLines(TEMPLATE.resolveSibling("docs").resolve("iam.md"))) {
            Matcher section = SECTION.matcher(line);
            Matcher row = ROW.matcher(line);
            if (section.matches()) {
                function = section.group(1);
            } else if (function != null && row.matches() && !row.group(1).equals("statement")) {
                rows.add(new Row(function, row.group(1), new Statement(code(row.group(2)),
                        String.join(" ", code(row.group(3)))), row.group(4).strip()));
            }
        }
        return rows;
    }

    private static List<String> code(String cell) {
        List<String> spans = new ArrayList<>();
        CODE.matcher(cell).results().forEach(match -> spans.add(match.group(1)));
        return spans;
    }

    /** What a statement allows: its actions, and the router parameters it depends on (blank when none). */
    private record Statement(List<String> actions, String provider) {
    }

    private record Row(String function, String sid, Statement statement, String why) {
    }
}
