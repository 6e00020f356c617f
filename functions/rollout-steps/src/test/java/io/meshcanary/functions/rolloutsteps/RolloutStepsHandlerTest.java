package io.meshcanary.functions.rolloutsteps;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.model.Track;
import io.meshcanary.rollout.InvalidInputException;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutFailedException;
import io.meshcanary.rollout.SupersededException;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.testing.FakeGates;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import io.meshcanary.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handler fed the payloads that {@code statemachines/canary.asl.json} builds, and read back through the fields
 * its ResultSelectors and Choice states read. Errors must reach Step Functions as the exception classes its Catch
 * clauses name.
 */
class RolloutStepsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXECUTION = "shop-orders-4719802350938163742";
    private static final String STARTED_BY_THE_TRIGGER = """
            {"cluster": "shop", "service": "orders", "deploymentId": "ecs-svc/4719802350938163742"}""";
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAcmIfQ==";
    private static final String SERVICE = "shop/orders";
    private static final String GATE_SECRET_PREFIX = "/meshcanary/secrets/";

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final RolloutStepsHandler handler = new RolloutStepsHandler(fakes.steps(), fakes.specs(),
            GATE_SECRET_PREFIX);

    @BeforeEach
    void canaryIsHealthy() {
        fakes.metrics().datapoints("error-rate", 0.2, 0.1, 0.3);
    }

    @Test
    void initializeReturnsTheContextAndPlanTheWorkflowKeeps() {
        JsonNode output = invoke(initialize(STARTED_BY_THE_TRIGGER));

        assertThat(fieldNames(output)).containsExactlyInAnyOrder("context", "plan");
        assertThat(output.get("context")).isEqualTo(JSON.createObjectNode().put("cluster", "shop").put("app", "orders")
                .put("deployment", "ecs-svc/4719802350938163742").set("spec", json(SampleSpecs.orders())));
        assertThat(output.get("plan")).isEqualTo(json("""
                {"bootstrap": false, "intervalSeconds": 60, "pollSeconds": 10, "preRolloutGate": "none",
                 "preStepGate": "none", "prePromotionGate": "none", "gateTimeoutSeconds": 3600}"""));
        Rollout started = fakes.store().record(SERVICE);
        assertThat(started.execution()).isEqualTo(EXECUTION);
        assertThat(started.deploymentId()).isEqualTo("ecs-svc/4719802350938163742");
    }

    @Test
    void payloadsAsTheStateMachineBuildsThemDriveARolloutToPromotion() {
        ObjectNode context = (ObjectNode) invoke(initialize(STARTED_BY_THE_TRIGGER)).get("context");

        JsonNode scaled = invoke(step("scaleCanary", context));
        assertThat(fieldNames(scaled)).containsExactly("since");
        String since = scaled.get("since").asText();
        assertThat(Instant.parse(since)).isEqualTo(fakes.clock().instant());

        JsonNode notYet = invoke(step("checkCapacity", context).put("track", "canary").put("since", since));
        fakes.tasksRunning(Track.CANARY, "7", 1);
        JsonNode ready = invoke(step("checkCapacity", context).put("track", "canary").put("since", since));
        assertThat(notYet).isEqualTo(json("{\"ready\": false}"));
        assertThat(ready).isEqualTo(json("{\"ready\": true}"));

        // $.rollout.progress starts as Initialize's ResultSelector sets it, then SetWeight replaces it.
        JsonNode progress = json("{\"stepsDone\": 0, \"canary\": 0}");
        List<JsonNode> progressSeen = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        String next;
        do {
            progress = invoke(step("setWeight", context).put("stepsDone", progress.get("stepsDone").asInt()));
            progressSeen.add(progress);
            fakes.clock().advanceSeconds(60);
            JsonNode analysis = invoke(step("analyze", context));
            assertThat(fieldNames(analysis)).containsExactlyInAnyOrder("next", "summary", "pause");
            assertThat(analysis.get("pause").asBoolean()).as("a spec without a judge never pauses").isFalse();
            next = analysis.get("next").asText();
            decisions.add(next);
        } while (next.equals("continue") && decisions.size() < 10);

        assertThat(progressSeen).containsExactly(json("{\"stepsDone\": 1, \"canary\": 10, \"reached\": true}"),
                json("{\"stepsDone\": 2, \"canary\": 20, \"reached\": true}"),
                json("{\"stepsDone\": 3, \"canary\": 50, \"reached\": true}"));
        assertThat(decisions).containsExactly("continue", "continue", "promote");

        JsonNode promoting = invoke(step("promote", context));
        assertThat(fieldNames(promoting)).containsExactly("since");
        fakes.tasksRunning(Track.PRIMARY, "7", 3).tasksStopped(Track.PRIMARY, "6");
        JsonNode primaryReady = invoke(step("checkCapacity", context).put("track", "primary")
                .put("since", promoting.get("since").asText()));
        JsonNode finished = invoke(step("finish", context));

        assertThat(primaryReady).isEqualTo(json("{\"ready\": true}"));
        assertThat(finished).isEqualTo(json("{\"promoted\": true}"));
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void bootstrapPlanSendsTheWorkflowStraightToThePrimarysCapacity() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        RolloutStepsHandler bootstrapping = new RolloutStepsHandler(onboarded.steps(), onboarded.specs(),
                GATE_SECRET_PREFIX);

        JsonNode output = invoke(bootstrapping, initialize(STARTED_BY_THE_TRIGGER));
        onboarded.tasksRunning(Track.PRIMARY, "7", 2);
        // StartBootstrapWait sets since from $$.State.EnteredTime, which has milliseconds.
        JsonNode ready = invoke(bootstrapping, step("checkCapacity", (ObjectNode) output.get("context"))
                .put("track", "primary").put("since", "2026-11-20T10:14:23.456Z"));

        assertThat(output.at("/plan/bootstrap").isBoolean()).isTrue();
        assertThat(output.at("/plan/bootstrap").asBoolean()).isTrue();
        assertThat(ready).isEqualTo(json("{\"ready\": true}"));
    }

    @Test
    void gatesAnswerWithTheDocumentsTheWorkflowDiscards() {
        String gated = SampleSpecs.ordersWith(root -> {
            SampleSpecs.at(root, "gates", "preStep").put("type", "webhook").put("url", "https://gates.example.com");
            SampleSpecs.at(root, "gates", "prePromotion").put("type", "manual");
        });
        fakes.gates().opens("https://gates.example.com");
        ObjectNode context = canaryUpWith(gated);
        invoke(step("setWeight", context).put("stepsDone", 0));

        JsonNode open = invoke(step("passGate", context).put("stage", "preStep"));
        JsonNode waiting = invoke(step("awaitApproval", context).put("stage", "prePromotion").put("token", TOKEN));

        assertThat(open).isEqualTo(json("{\"open\": true}"));
        assertThat(waiting).isEqualTo(json("{\"waiting\": true}"));
        assertThat(fakes.store().record(SERVICE).approvalToken()).isEqualTo(TOKEN);
    }

    @Test
    void webhookTokenStaysOutOfTheExecutionDataWhileTheGateIsAskedAtItsRealUrl() {
        String tokenised = "https://bot:s3cret@gates.example.com/orders?token=s3cret";
        String gated = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "webhook").put("url", tokenised));
        fakes.gates().opens(tokenised);
        ObjectNode context = canaryUpWith(gated);
        JsonNode progress = invoke(step("setWeight", context).put("stepsDone", 0));

        JsonNode open = invoke(step("passGate", context).put("stage", "preStep"));

        assertThat(context.toString()).as("what Initialize hands every later state").doesNotContain("s3cret")
                .contains("gates.example.com/orders");
        assertThat(progress.toString()).doesNotContain("s3cret");
        assertThat(open).isEqualTo(json("{\"open\": true}"));
        assertThat(fakes.gates().asked()).extracting(FakeGates.Asked::target).containsExactly(tokenised);
    }

    @Test
    void closedGateFailsWithTheExceptionTheWorkflowRollsBackOn() {
        String gated = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preRollout")
                .put("type", "webhook").put("url", "https://gates.example.com"));
        fakes.gates().closes("https://gates.example.com", "change freeze");
        ObjectNode context = (ObjectNode) invoke(initialize(inlineSpec(gated))).get("context");

        Throwable error = invokeFailing(step("passGate", context).put("stage", "preRollout"));

        assertThat(error).isExactlyInstanceOf(RolloutFailedException.class)
                .hasMessage("preRollout gate closed: change freeze");
    }

    @Test
    void stepOfASupersededExecutionFailsWithTheExceptionTheWorkflowCatches() {
        ObjectNode context = (ObjectNode) invoke(initialize(STARTED_BY_THE_TRIGGER)).get("context");
        invoke(initialize(STARTED_BY_THE_TRIGGER.replace("4719802350938163742", "5820913461049274853"))
                .put("execution", "shop-orders-5820913461049274853"));
        RolloutFakes.Footprint before = fakes.footprint();

        Throwable error = invokeFailing(step("setWeight", context).put("stepsDone", 0));

        assertThat(error).isExactlyInstanceOf(SupersededException.class);
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    @Test
    void laterStepsKeepTheSpecInitializeValidatedWithoutValidatingItAgain() {
        ObjectNode context = canaryUpWith(SampleSpecs.orders());
        // A field the schema rejects stands for a schema that a stack update tightened while the rollout ran.
        ((ObjectNode) context.get("spec")).put("colour", "blue");

        JsonNode progress = invoke(step("setWeight", context).put("stepsDone", 0));

        assertThat(progress).isEqualTo(json("{\"stepsDone\": 1, \"canary\": 10, \"reached\": true}"));
        assertThat(fakes.router().weights(APP).canary()).isEqualTo(10);
    }

    @Test
    void rollbackRecordsTheMessageOfTheLambdaErrorThatCausedIt() {
        ObjectNode context = canaryUpWith(SampleSpecs.orders());
        invoke(step("setWeight", context).put("stepsDone", 0));
        ObjectNode payload = step("rollback", context);
        payload.putObject("error").put("Error", "io.meshcanary.rollout.RolloutFailedException")
                .put("Cause", lambdaError("route took canary weight 20%, read back 0%"));

        JsonNode output = invoke(payload);

        assertThat(output).isEqualTo(json("{\"rolledBack\": true}"));
        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason())
                .isEqualTo("io.meshcanary.rollout.RolloutFailedException: route took canary weight 20%, read back 0%");
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void abortCommandRevertsTrafficWithTheOperatorsReason() {
        ObjectNode context = canaryUpWith(SampleSpecs.orders());
        invoke(step("setWeight", context).put("stepsDone", 0));

        JsonNode output = invoke(command("""
                {"cluster": "shop", "service": "orders", "action": "abort", "reason": "p99 latency doubled"}"""));

        assertThat(output).isEqualTo(json("{\"service\": \"orders\", \"done\": \"abort\"}"));
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
        assertThat(fakes.store().record(SERVICE).reason()).isEqualTo("p99 latency doubled");
    }

    @Test
    void abortCommandWithoutAReasonSaysAnOperatorAborted() {
        canaryUpWith(SampleSpecs.orders());

        invoke(command("{\"cluster\": \"shop\", \"service\": \"orders\", \"action\": \"abort\"}"));

        assertThat(fakes.store().record(SERVICE).reason()).isEqualTo("aborted by an operator");
    }

    @Test
    void approveAndPromoteCommandsSteerTheRunningRollout() {
        String manual = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep").put("type", "manual"));
        ObjectNode context = canaryUpWith(manual);
        invoke(step("setWeight", context).put("stepsDone", 0));
        invoke(step("awaitApproval", context).put("stage", "preStep").put("token", TOKEN));

        JsonNode approved = invoke(command("""
                {"cluster": "shop", "service": "orders", "action": "approve"}"""));
        JsonNode promote = invoke(command("""
                {"cluster": "shop", "service": "orders", "action": "promote"}"""));
        JsonNode analysis = invoke(step("analyze", context));

        assertThat(approved).isEqualTo(json("{\"service\": \"orders\", \"done\": \"approve\"}"));
        assertThat(fakes.workflows().approved()).containsExactly(TOKEN);
        assertThat(promote).isEqualTo(json("{\"service\": \"orders\", \"done\": \"promote\"}"));
        assertThat(analysis.get("next").asText()).isEqualTo("promote");
    }

    @Test
    void offboardSentAsACommandIsANamedErrorAndNeverAPromotion() {
        ObjectNode context = canaryUpWith(SampleSpecs.orders());
        invoke(step("setWeight", context).put("stepsDone", 0));

        Throwable error = invokeFailing(command("""
                {"cluster": "shop", "service": "orders", "action": "offboard"}"""));

        assertThat(error).isInstanceOf(InvalidInputException.class).hasMessageContaining("offboard");
        assertThat(fieldOf(error)).isEqualTo("action");
        assertThat(fakes.store().record(SERVICE).promoteRequested()).isFalse();
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROGRESSING);
    }

    static Stream<Arguments> badExecutionInputs() {
        return Stream.of(
                bad("no cluster", "{\"service\": \"orders\"}", InvalidInputException.class, "cluster"),
                bad("a numeric cluster", "{\"cluster\": 7, \"service\": \"orders\"}", InvalidInputException.class,
                        "cluster"),
                bad("a service that is no ECS name", "{\"cluster\": \"shop\", \"service\": \"orders/primary\"}",
                        InvalidInputException.class, "service"),
                bad("an unknown field", "{\"cluster\": \"shop\", \"service\": \"orders\", \"deployment\": \"1\"}",
                        InvalidInputException.class, "deployment"),
                bad("a blank deploymentId", "{\"cluster\": \"shop\", \"service\": \"orders\", \"deploymentId\": \" \"}",
                        InvalidInputException.class, "deploymentId"),
                bad("a spec that is a string", "{\"cluster\": \"shop\", \"service\": \"orders\", \"spec\": \"{}\"}",
                        InvalidInputException.class, "spec"),
                bad("an unknown action", "{\"cluster\": \"shop\", \"service\": \"orders\", \"action\": \"pause\"}",
                        InvalidInputException.class, "action"),
                bad("an input that is no object", "\"shop/orders\"", InvalidInputException.class, "$"),
                bad("a service not onboarded, without an inline spec",
                        "{\"cluster\": \"shop\", \"service\": \"payments\"}", InvalidInputException.class, "service"),
                bad("an inline spec whose weights go down", inlineSpec(SampleSpecs.ordersWith(root ->
                        ((ArrayNode) root.at("/steps/weights")).removeAll().add(20).add(10))),
                        InvalidSpecException.class, "steps.weights[1]"),
                bad("an inline spec without router.virtualRouter", inlineSpec(SampleSpecs.ordersWith(root ->
                        SampleSpecs.at(root, "router").remove("virtualRouter"))),
                        InvalidSpecException.class, "router.virtualRouter"),
                bad("an inline spec whose gate header secret is outside the stack's prefix",
                        inlineSpec(SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                                .put("type", "webhook").put("url", "https://gates.example.com").putObject("headers")
                                .putObject("Authorization").put("ssmParameter", "/orders/gate-token"))),
                        InvalidSpecException.class, "gates.preStep.headers.Authorization.ssmParameter"),
                bad("an inline spec with a misspelt field", inlineSpec(SampleSpecs.ordersWith(root ->
                        root.put("intervalSecond", 30))), InvalidSpecException.class, "intervalSecond"));
    }

    @ParameterizedTest(name = "{0} is rejected naming {2}")
    @MethodSource("badExecutionInputs")
    void badExecutionInputStopsTheRolloutBeforeAnythingMoves(String input, Class<? extends RuntimeException> type,
            String field) {
        RolloutFakes.Footprint before = fakes.footprint();

        Throwable error = invokeFailing(initialize(input));

        assertThat(error).isExactlyInstanceOf(type);
        assertThat(fieldOf(error)).isEqualTo(field);
        assertThat(fakes.footprint()).as("nothing touched").isEqualTo(before);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.store().find(SERVICE)).as("no record written").isEmpty();
    }

    @Test
    void storedSpecThatBrokeIsNamedAndMovesNothing() {
        fakes.specs().onboard(CLUSTER, APP, SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "canary")
                .put("desiredCount", 0)));
        RolloutFakes.Footprint before = fakes.footprint();

        Throwable error = invokeFailing(initialize(STARTED_BY_THE_TRIGGER));

        assertThat(error).isExactlyInstanceOf(InvalidSpecException.class);
        assertThat(fieldOf(error)).isEqualTo("canary.desiredCount");
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    static Stream<Arguments> badStepPayloads() {
        ObjectNode context = JSON.createObjectNode().put("cluster", "shop").put("app", "orders")
                .set("spec", json(SampleSpecs.orders()));
        return Stream.of(
                bad("a step without the context", "{\"action\": \"setWeight\", \"execution\": \"%s\", \"stepsDone\": 0}"
                        .formatted(EXECUTION), InvalidInputException.class, "context"),
                bad("an unknown step", step("dance", context).toString(), InvalidInputException.class, "action"),
                bad("a track that is neither", step("checkCapacity", context).put("track", "blue")
                        .put("since", "2026-11-20T10:14:23Z").toString(), InvalidInputException.class, "track"),
                bad("a since that is no instant", step("checkCapacity", context).put("track", "canary")
                        .put("since", "yesterday").toString(), InvalidInputException.class, "since"),
                bad("a command without a service", command("{\"cluster\": \"shop\", \"action\": \"abort\"}").toString(),
                        InvalidInputException.class, "service"),
                bad("a setWeight without stepsDone", step("setWeight", context).toString(), InvalidInputException.class,
                        "stepsDone"),
                bad("a field no step takes", step("analyze", context).put("stepsDone", 2).toString(),
                        InvalidInputException.class, "stepsDone"),
                bad("a context without the app", step("analyze", context.deepCopy().without("app")).toString(),
                        InvalidInputException.class, "context.app"),
                bad("an approval wait without the task token", step("awaitApproval", context).put("stage", "preStep")
                        .toString(), InvalidInputException.class, "token"),
                bad("a gate stage the workflow does not have", step("passGate", context).put("stage", "midStep")
                        .toString(), InvalidInputException.class, "stage"),
                bad("a step without the action", step("analyze", context).without("action").toString(),
                        InvalidInputException.class, "action"),
                bad("a payload that is no JSON", "{\"action\": \"setWeight\",", InvalidInputException.class, "$"));
    }

    @ParameterizedTest(name = "{0} is rejected naming {2}")
    @MethodSource("badStepPayloads")
    void badStepPayloadIsRejectedNamingTheField(String payload, Class<? extends RuntimeException> type,
            String field) {
        canaryUpWith(SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();

        Throwable error = invokeFailing(payload);

        assertThat(error).isExactlyInstanceOf(type);
        assertThat(fieldOf(error)).isEqualTo(field);
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    @Test
    void reasonOfAFailedStepIsTheMessageInItsLambdaErrorDocument() {
        JsonNode error = JSON.createObjectNode().put("Error", "io.meshcanary.rollout.RolloutFailedException")
                .put("Cause", lambdaError("canary track has 0 of 1 registered tasks of revision 7 after 600s"));

        assertThat(RolloutStepsHandler.reason(error)).isEqualTo("io.meshcanary.rollout.RolloutFailedException: "
                + "canary track has 0 of 1 registered tasks of revision 7 after 600s");
    }

    @Test
    void reasonOfAFailedAnalysisIsItsPlainSummary() {
        // The summary starts with a number, which a lenient JSON parser would take for a whole document.
        JsonNode error = json("""
                {"Error": "AnalysisFailed",
                 "Cause": "1 passed, 1 failed (error-rate); failed checks 2 of 2: roll back"}""");

        assertThat(RolloutStepsHandler.reason(error))
                .isEqualTo("AnalysisFailed: 1 passed, 1 failed (error-rate); failed checks 2 of 2: roll back");
    }

    @Test
    void reasonWithoutACauseIsTheErrorName() {
        assertThat(RolloutStepsHandler.reason(json("{\"Error\": \"States.Timeout\"}"))).isEqualTo("States.Timeout");
        assertThat(RolloutStepsHandler.reason(json("{\"Error\": \"States.Timeout\", \"Cause\": \"\"}")))
                .isEqualTo("States.Timeout");
        assertThat(RolloutStepsHandler.reason(JSON.missingNode())).isEqualTo("Error");
    }

    /** Initialize, ScaleCanary and a ready CheckCanaryCapacity; returns {@code $.rollout.context}. */
    private ObjectNode canaryUpWith(String specJson) {
        ObjectNode context = (ObjectNode) invoke(initialize(inlineSpec(specJson))).get("context");
        String since = invoke(step("scaleCanary", context)).get("since").asText();
        fakes.tasksRunning(Track.CANARY, "7", 1);
        assertThat(invoke(step("checkCapacity", context).put("track", "canary").put("since", since))
                .get("ready").asBoolean()).isTrue();
        return context;
    }

    /** The Initialize state's payload: {@code "input.$": "$"} is the execution input. */
    private static ObjectNode initialize(String executionInput) {
        ObjectNode payload = JSON.createObjectNode().put("action", "initialize").put("execution", EXECUTION);
        payload.set("input", json(executionInput));
        return payload;
    }

    /** The Abort, Approve and PromoteNow states' payload. */
    private static ObjectNode command(String executionInput) {
        ObjectNode payload = JSON.createObjectNode().put("action", "command").put("execution", "steer-orders-1");
        payload.set("input", json(executionInput));
        return payload;
    }

    /** Every later Task state's payload: {@code "context.$": "$.rollout.context"}. */
    private static ObjectNode step(String action, ObjectNode context) {
        ObjectNode payload = JSON.createObjectNode().put("action", action).put("execution", EXECUTION);
        payload.set("context", context.deepCopy());
        return payload;
    }

    /** A manual execution's input, with the spec inline. */
    private static String inlineSpec(String specJson) {
        ObjectNode input = JSON.createObjectNode().put("cluster", "shop").put("service", "orders");
        input.set("spec", json(specJson));
        return input.toString();
    }

    /** What Lambda reports as the Cause of a function error: a JSON document with the exception's message. */
    private static String lambdaError(String message) {
        ObjectNode error = JSON.createObjectNode().put("errorMessage", message)
                .put("errorType", "io.meshcanary.rollout.RolloutFailedException");
        error.putArray("stackTrace").add("io.meshcanary.rollout.RolloutSteps.setWeight(RolloutSteps.java:141)");
        return error.toString();
    }

    private JsonNode invoke(ObjectNode payload) {
        return invoke(handler, payload);
    }

    private static JsonNode invoke(RolloutStepsHandler handler, ObjectNode payload) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(input(payload.toString()), output, context());
            return JSON.readTree(output.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Throwable invokeFailing(ObjectNode payload) {
        return invokeFailing(payload.toString());
    }

    private Throwable invokeFailing(String payload) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Throwable error = catchThrowable(() -> handler.handleRequest(input(payload), output, context()));
        assertThat(error).as("the invocation's error").isNotNull();
        assertThat(output.size()).as("bytes returned").isZero();
        return error;
    }

    private static TestContext context() {
        return new TestContext("meshcanary-RolloutStepsFunction");
    }

    private static String fieldOf(Throwable error) {
        if (error instanceof InvalidInputException input) {
            return input.field();
        }
        return error instanceof InvalidSpecException spec ? spec.field() : null;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ByteArrayInputStream input(String payload) {
        return new ByteArrayInputStream(payload.getBytes(UTF_8));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    private static Arguments bad(String problem, String payloadOrInput, Class<? extends RuntimeException> type,
            String field) {
        return Arguments.of(named(problem, payloadOrInput), type, field);
    }
}
