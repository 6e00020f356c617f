package io.meshcanary.functions.rolloutsteps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.rollout.Decision;
import io.meshcanary.rollout.GateKind;
import io.meshcanary.rollout.GateStage;
import io.meshcanary.rollout.WorkflowErrors;
import io.meshcanary.testing.SampleFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What {@code statemachines/canary.asl.json} matches and sends is an API: the error names of its Retry and Catch
 * clauses are {@link WorkflowErrors}, each the name of a class the rollout-steps function throws, and each of those
 * errors is handled somewhere, so that renaming a class or a clause breaks this test instead of changing which
 * Catch fires. Each {@code action} a Task sends has its {@link StepRequest} record, whose fields are the payload's,
 * and its {@link StepReply} record, whose fields are what the Task's {@code ResultSelector} reads.
 */
class WorkflowContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The template's DefinitionSubstitutions key for the rollout-steps function. */
    private static final String ROLLOUT_STEPS = "${RolloutStepsFunctionArn}";
    /** Step Functions' own errors ({@code States.ALL}, {@code States.Timeout}) and the Lambda service's. */
    private static final List<String> SERVICE_ERROR_PREFIXES = List.of("States.", "Lambda.");

    private static final JsonNode TRANSIENT_RETRY = JSON.createObjectNode()
            .<ObjectNode>set("ErrorEquals", JSON.createArrayNode().add("Lambda.ServiceException")
                    .add("Lambda.AWSLambdaException").add("Lambda.SdkClientException")
                    .add("Lambda.TooManyRequestsException").add(WorkflowErrors.TRANSIENT_AWS))
            .put("IntervalSeconds", 1).put("MaxAttempts", 3).put("BackoffRate", 2).put("JitterStrategy", "FULL");
    /**
     * A SnapStart version not invoked for 14 days goes inactive, and its first invoke fails until Lambda has
     * restored it (Lambda Developer Guide, "Troubleshooting SnapStart errors"): waited for longer than a throttle.
     */
    private static final JsonNode SNAPSTART_RETRY = JSON.createObjectNode()
            .<ObjectNode>set("ErrorEquals", JSON.createArrayNode().add("Lambda.SnapStartNotReadyException")
                    .add("Lambda.SnapStartTimeoutException").add("Lambda.CodeArtifactUserPendingException"))
            .put("IntervalSeconds", 5).put("MaxAttempts", 5).put("BackoffRate", 2).put("JitterStrategy", "FULL");
    /**
     * A step that loses the race for the rollout record (a crash counted, an operator's approve or promote, between
     * its read and its write) wrote nothing; invoked again, it re-reads the record and goes on. Caught by the
     * catch-all instead, it would roll a healthy rollout back.
     */
    private static final JsonNode LOST_WRITE_RETRY = JSON.createObjectNode()
            .<ObjectNode>set("ErrorEquals", JSON.createArrayNode().add(WorkflowErrors.CONCURRENT_UPDATE))
            .put("IntervalSeconds", 1).put("MaxAttempts", 5).put("BackoffRate", 1.5).put("JitterStrategy", "FULL");

    /** What each string a Choice matches comes from: the constants of the Java side that writes it. */
    private static final Map<String, Set<String>> CHOICE_VALUES = Map.of(
            "$.action", ExecutionInput.ACTIONS,
            "$.analysis.next", labels(Decision.Next.values(), Decision.Next::label),
            "$.rollout.plan.preRolloutGate", labels(GateKind.values(), GateKind::label),
            "$.rollout.plan.preStepGate", labels(GateKind.values(), GateKind::label),
            "$.rollout.plan.prePromotionGate", labels(GateKind.values(), GateKind::label),
            "$.gate.kind", labels(GateKind.values(), GateKind::label),
            "$.gate.stage", labels(GateStage.values(), GateStage::label));

    /** The reply each action's step answers with, as the handler returns it. */
    private static final Map<String, Class<? extends StepReply>> REPLIES = Map.ofEntries(
            Map.entry("initialize", StepReply.Started.class),
            Map.entry("offboard", StepReply.OffboardStarted.class),
            Map.entry("command", StepReply.CommandDone.class),
            Map.entry("scaleCanary", StepReply.WaitFrom.class),
            Map.entry("promote", StepReply.WaitFrom.class),
            Map.entry("checkCapacity", StepReply.Capacity.class),
            Map.entry("setWeight", StepReply.WeightSet.class),
            Map.entry("analyze", StepReply.Analyzed.class),
            Map.entry("passGate", StepReply.GateOpen.class),
            Map.entry("awaitApproval", StepReply.AwaitingApproval.class),
            Map.entry("finish", StepReply.Promoted.class),
            Map.entry("offboarded", StepReply.Offboarded.class),
            Map.entry("rollback", StepReply.RolledBack.class));

    private final Map<String, JsonNode> states = states(asl().get("States"), new LinkedHashMap<>());

    @Test
    void everyErrorTheWorkflowMatchesIsAWorkflowErrorsConstant() {
        Set<String> matched = new TreeSet<>();
        states.values().forEach(state -> matched.addAll(errorsMatchedBy(state)));

        assertThat(matched).as("error names in Retry and Catch clauses").isNotEmpty()
                .filteredOn(name -> SERVICE_ERROR_PREFIXES.stream().noneMatch(name::startsWith))
                .isSubsetOf(WorkflowErrors.ALL);
    }

    @Test
    void everyWorkflowErrorNamesAThrowableClass() {
        for (String name : WorkflowErrors.ALL) {
            Class<?> thrown;
            try {
                thrown = Class.forName(name);
            } catch (ClassNotFoundException e) {
                thrown = null;
            }
            assertThat(thrown).as("the class %s the workflow matches", name).isNotNull();
            assertThat(Throwable.class.isAssignableFrom(thrown)).as("%s is a Throwable", name).isTrue();
        }
    }

    @Test
    void everyWorkflowErrorIsRetriedOrCaughtByAStepOfTheFunction() {
        Set<String> handled = new TreeSet<>();
        stepsTasks().values().forEach(task -> handled.addAll(errorsMatchedBy(task)));

        assertThat(handled).containsAll(WorkflowErrors.ALL);
    }

    @Test
    void everyStepRetriesTransientFailuresAndLostWritesBeforeAnyCatchSeesThem() {
        Map<String, JsonNode> tasks = stepsTasks();

        assertThat(tasks).isNotEmpty();
        tasks.forEach((name, task) -> assertThat(task.path("Retry")).as("the Retry of %s", name)
                .contains(TRANSIENT_RETRY, SNAPSTART_RETRY, LOST_WRITE_RETRY));
    }

    @Test
    void everyActionTheWorkflowSendsHasARecordAndEveryRecordIsSent() {
        Set<String> sent = new TreeSet<>();
        stepsTasks().values().forEach(task -> sent.add(task.at("/Parameters/Payload/action").asText()));

        assertThat(sent).isEqualTo(records().keySet());
    }

    @Test
    void everyPayloadCarriesExactlyTheFieldsOfItsActionsRecord() {
        Map<String, Class<?>> records = records();
        stepsTasks().forEach((name, task) -> {
            JsonNode payload = task.at("/Parameters/Payload");
            Set<String> fields = new TreeSet<>();
            payload.fieldNames().forEachRemaining(field -> fields.add(field.replaceFirst("\\.\\$$", "")));
            fields.remove("action");
            Class<?> record = records.get(payload.path("action").asText());

            assertThat(record).as("the record of %s's action", name).isNotNull();
            assertThat(fields).as("the payload of %s", name).isEqualTo(Arrays.stream(record.getRecordComponents())
                    .map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new)));
        });
    }

    @Test
    void everyFieldAResultSelectorReadsIsAFieldOfItsActionsReply() {
        assertThat(REPLIES.keySet()).as("the actions with a reply").isEqualTo(records().keySet());
        Map<String, Set<String>> read = new TreeMap<>();
        stepsTasks().forEach((name, task) -> task.path("ResultSelector").forEach(selector -> {
            String path = selector.asText();
            if (path.startsWith("$.Payload.")) {
                read.computeIfAbsent(name, any -> new TreeSet<>()).add(path.substring("$.Payload.".length())
                        .split("\\.")[0]);
            }
        }));

        assertThat(read).as("the Task states whose ResultSelector reads the reply").isNotEmpty();
        read.forEach((name, fields) -> {
            Class<? extends StepReply> reply = REPLIES.get(states.get(name).at("/Parameters/Payload/action").asText());
            assertThat(Arrays.stream(reply.getRecordComponents()).map(RecordComponent::getName))
                    .as("the fields of %s, which %s reads", reply.getSimpleName(), name).containsAll(fields);
        });
    }

    /**
     * A stage is sent as written in a payload (the judge's wait), or from {@code $.gate}, which the state that enters
     * the one gate pattern writes.
     */
    @Test
    void everyGateStageTheWorkflowSendsIsAGateStageAndEachIsSent() {
        Set<String> sent = new TreeSet<>();
        stepsTasks().values().forEach(task -> {
            JsonNode stage = task.at("/Parameters/Payload/stage");
            if (stage.isTextual()) {
                sent.add(stage.asText());
            }
        });
        gateEntries().values().forEach(entry -> sent.add(entry.at("/Parameters/stage").asText()));

        assertThat(sent).isEqualTo(labels(GateStage.values(), GateStage::label));
    }

    @Test
    void eachGateStageEntersTheOneGatePatternWithItsOwnKindAndLeavesItForItsOwnNextState() {
        Map<String, String> kinds = new TreeMap<>();
        gateEntries().values().forEach(entry -> kinds.put(entry.at("/Parameters/stage").asText(),
                entry.at("/Parameters/kind.$").asText()));
        Set<String> readers = new TreeSet<>();
        stepsTasks().forEach((name, task) -> {
            if (task.at("/Parameters/Payload/stage.$").asText().equals("$.gate.stage")) {
                readers.add(name);
            }
        });
        Map<String, String> next = new TreeMap<>();
        states.get("AfterGate").path("Choices").forEach(rule -> {
            if (rule.path("Variable").asText().equals("$.gate.stage")) {
                next.put(rule.path("StringEquals").asText(), rule.path("Next").asText());
            }
        });

        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of("preRollout", "$.rollout.plan.preRolloutGate",
                "preStep", "$.rollout.plan.preStepGate", "prePromotion", "$.rollout.plan.prePromotionGate"));
        assertThat(readers).containsExactlyInAnyOrder("AskGate", "AwaitGateApproval");
        readers.forEach(name -> assertThat(states.get(name).path("Next").asText()).as("after %s", name)
                .isEqualTo("AfterGate"));
        assertThat(next).containsExactlyInAnyOrderEntriesOf(Map.of("preRollout", "ScaleCanary",
                "prePromotion", "Promote"));
        assertThat(states.get("AfterGate").path("Default").asText()).isEqualTo("SetWeight");
    }

    /** The Pass states that write a gate's stage and kind to {@code $.gate} before the one gate pattern. */
    private Map<String, JsonNode> gateEntries() {
        Map<String, JsonNode> entries = new TreeMap<>();
        states.forEach((name, state) -> {
            if (state.path("Type").asText().equals("Pass") && state.path("ResultPath").asText().equals("$.gate")) {
                entries.put(name, state);
            }
        });
        return entries;
    }

    @Test
    void everyValueAChoiceMatchesIsAConstantOfTheValuesItsVariableTakes() {
        Map<String, Set<String>> matched = new TreeMap<>();
        states.values().stream().filter(state -> state.path("Type").asText().equals("Choice"))
                .forEach(choice -> choice.path("Choices").forEach(rule -> stringsMatched(rule, matched)));

        assertThat(matched).as("the variables the Choice states match on strings").isNotEmpty();
        matched.forEach((variable, values) -> {
            assertThat(CHOICE_VALUES).as("the constants of what a Choice reads").containsKey(variable);
            assertThat(CHOICE_VALUES.get(variable)).as("the constants of %s", variable).containsAll(values);
        });
    }

    /** Each {@code StringEquals} of a Choice rule, nested in And, Or and Not too, by the variable it reads. */
    private static void stringsMatched(JsonNode rule, Map<String, Set<String>> into) {
        if (rule.has("StringEquals")) {
            into.computeIfAbsent(rule.path("Variable").asText(), variable -> new TreeSet<>())
                    .add(rule.get("StringEquals").asText());
        }
        for (String operator : List.of("And", "Or")) {
            rule.path(operator).forEach(inner -> stringsMatched(inner, into));
        }
        if (rule.has("Not")) {
            stringsMatched(rule.get("Not"), into);
        }
    }

    /** Each action name and the record its payload binds to, as Jackson reads them. */
    private static Map<String, Class<?>> records() {
        Map<String, Class<?>> records = new TreeMap<>();
        for (JsonSubTypes.Type type : StepRequest.class.getAnnotation(JsonSubTypes.class).value()) {
            records.put(type.name(), type.value());
        }
        return records;
    }

    /** The Task states that invoke the rollout-steps function. */
    private Map<String, JsonNode> stepsTasks() {
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        states.forEach((name, state) -> {
            if (state.path("Type").asText().equals("Task")
                    && state.at("/Parameters/FunctionName").asText().equals(ROLLOUT_STEPS)) {
                tasks.put(name, state);
            }
        });
        return tasks;
    }

    private static <E> Set<String> labels(E[] constants, Function<E, String> label) {
        return Arrays.stream(constants).map(label).collect(Collectors.toUnmodifiableSet());
    }

    private static List<String> errorsMatchedBy(JsonNode state) {
        List<String> names = new ArrayList<>();
        for (String clauses : List.of("Retry", "Catch")) {
            state.path(clauses).forEach(clause -> clause.path("ErrorEquals").forEach(name -> names.add(name.asText())));
        }
        return names;
    }

    /** Every state by name, including those inside Parallel branches and Map processors, should any appear. */
    private static Map<String, JsonNode> states(JsonNode level, Map<String, JsonNode> into) {
        level.properties().forEach(state -> {
            into.put(state.getKey(), state.getValue());
            state.getValue().path("Branches").forEach(branch -> states(branch.path("States"), into));
            states(state.getValue().at("/ItemProcessor/States"), into);
            states(state.getValue().at("/Iterator/States"), into);
        });
        return into;
    }

    private static JsonNode asl() {
        try {
            return JSON.readTree(SampleFiles.read("statemachines/canary.asl.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
