package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.PRIMARY_SERVICE;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_6;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.model.Track;
import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.MetricCheck;
import io.meshcanary.testing.FakeGates;
import io.meshcanary.testing.FakeWorkflows;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The canary workflow's steps, called in the order the state machine calls them, against fakes of every port.
 * Unless a test says otherwise, {@code orders} was released before (its twin runs revision 6) and the user has just
 * deployed revision 7; the example spec steps through 10, 20 and 50% and rolls back after two failed checks.
 */
class RolloutStepsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOYMENT = "ecs-svc/4719802350938163742";
    private static final String EXECUTION = "shop-orders-4719802350938163742";
    private static final String NEWER_DEPLOYMENT = "ecs-svc/5820913461049274853";
    private static final String NEWER_EXECUTION = "shop-orders-5820913461049274853";
    private static final String SERVICE = "shop/orders";
    private static final String ALARM = "orders-5xx";
    private static final String ERROR_RATE = "error-rate";
    private static final String GATE_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:change-freeze";
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAcmIfQ==";
    private static final int INTERVAL = 60;

    /** The team's own virtual node, all of whose traffic the route sends it before onboarding. */
    private static final RouteTarget TEAM = new RouteTarget("orders", 100, 8080);

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final RolloutSteps steps = fakes.steps();

    @BeforeEach
    void canaryIsHealthy() {
        fakes.metrics().datapoints(ERROR_RATE, 0.2, 0.1, 0.3);
    }

    @Test
    void bootstrapCreatesTheTwinAdoptsTheRouteAndRunsNoAnalysis() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        onboarded.router().givenTeamTargets(APP, TEAM);
        RolloutSteps bootstrap = onboarded.steps();
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());

        Plan plan = bootstrap.initialize(context, DEPLOYMENT, SampleSpecs.orders());

        assertThat(plan.bootstrap()).isTrue();
        assertThat(onboarded.ecs().calls()).containsExactly("createPrimaryTwin shop/orders " + TASK_DEFINITION_7);
        assertThat(onboarded.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_7);
        assertThat(onboarded.ecs().service(CLUSTER, PRIMARY_SERVICE).desiredCount()).as("twin's capacity").isEqualTo(2);
        assertThat(onboarded.router().reconciled()).containsExactly(APP);
        assertThat(onboarded.router().applied(APP)).as("weights before the twin serves").isEmpty();
        assertThat(onboarded.store().record(SERVICE).bootstrap()).isTrue();
        assertThat(onboarded.store().record(SERVICE).teamTargets()).containsExactly(TEAM);

        // The workflow goes straight to waiting for the twin, then finishes.
        Instant since = onboarded.clock().instant();
        assertThat(bootstrap.capacityReady(context, Track.PRIMARY, since)).isFalse();
        onboarded.tasksRunning(Track.PRIMARY, "7", 2);
        onboarded.clock().advanceSeconds(45);
        assertThat(bootstrap.capacityReady(context, Track.PRIMARY, since)).isTrue();
        bootstrap.finish(context);

        Rollout done = onboarded.store().record(SERVICE);
        assertThat(done.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.history()).last().extracting(HistoryEntry::note).isEqualTo("bootstrapped");
        assertThat(done.teamTargets()).as("kept for offboarding").containsExactly(TEAM);
        assertThat(onboarded.router().takenOver(APP)).containsExactly(TEAM);
        assertThat(onboarded.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(onboarded.router().canaryWeightsApplied(APP)).containsExactly(0);
        assertThat(onboarded.ecs().service(CLUSTER, APP).desiredCount()).as("user's service, now idle").isZero();
        assertThat(onboarded.scaling().calls()).containsExactly("copy shop/orders to orders-primary", "hold shop/orders");
        assertThat(onboarded.metrics().reads()).as("analysis reads").isZero();
        assertThat(onboarded.gates().asked()).isEmpty();
    }

    @Test
    void aBootstrapThatFailsOrIsAbortedLeavesTheTeamsTrafficWhereItIs() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        onboarded.router().givenTeamTargets(APP, new RouteTarget("orders", 100, null));
        RolloutSteps bootstrap = onboarded.steps();
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        bootstrap.initialize(context, DEPLOYMENT, SampleSpecs.orders());

        bootstrap.abort(CLUSTER, APP, "operator");
        bootstrap.rollback(context, "twin never came up");

        assertThat(onboarded.router().applied(APP)).as("weights put on a twin that may not serve").isEmpty();
        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.FAILED);
        RolloutContext next = context("shop-orders-2", SampleSpecs.orders());
        assertThat(bootstrap.initialize(next, "ecs-svc/2", SampleSpecs.orders()).bootstrap())
                .as("the next deployment bootstraps again").isTrue();
    }

    @Test
    void offboardingGivesTheServiceBackThenRemovesTheTwinAndIsResumable() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        onboarded.router().givenTeamTargets(APP, TEAM);
        RolloutSteps steps = onboarded.steps();
        bootstrapped(onboarded, steps);
        RolloutContext offboarding = context("offboard-1", SampleSpecs.orders());

        Instant since = steps.offboard(offboarding).orElseThrow();

        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.OFFBOARDING);
        assertThat(onboarded.ecs().service(CLUSTER, APP).taskDefinition()).isEqualTo(TASK_DEFINITION_7);
        assertThat(onboarded.ecs().service(CLUSTER, APP).desiredCount()).isEqualTo(2);
        assertThat(onboarded.scaling().calls()).endsWith("release shop/orders");
        assertThat(onboarded.router().teamTargets(APP)).as("traffic before the service serves").isEmpty();
        onboarded.tasksRunning(Track.CANARY, "7", 2);
        assertThat(steps.capacityReady(offboarding, Track.CANARY, since)).isTrue();
        steps.offboarded(offboarding);
        steps.offboarded(offboarding);

        assertThat(onboarded.router().teamTargets(APP)).containsExactly(TEAM);
        assertThat(onboarded.router().tracksRemoved(APP)).isTrue();
        assertThat(onboarded.ecs().describe(CLUSTER, PRIMARY_SERVICE)).isEmpty();
        assertThat(onboarded.scaling().calls()).endsWith("remove shop/orders-primary");
        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.OFFBOARDED);
        assertThat(steps.offboard(context("offboard-2", SampleSpecs.orders()))).as("offboarded already").isEmpty();
    }

    @Test
    void offboardingDuringARolloutIsRefusedAndChangesNothing() {
        RolloutContext rollout = context(EXECUTION, SampleSpecs.orders());
        steps.initialize(rollout, DEPLOYMENT, SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();

        assertThatThrownBy(() -> steps.offboard(context("offboard-1", SampleSpecs.orders())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has a rollout in phase INITIALIZING");
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    @Test
    void happyPathWeightsFollowTheSpecThenPromote() {
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());

        Instant began = fakes.clock().instant();
        Plan plan = steps.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        assertThat(plan).isEqualTo(new Plan(false, 60, 10, "none", "none", "none", 3_600));
        Instant scaled = steps.scaleCanary(context);
        assertThat(steps.capacityReady(context, Track.CANARY, scaled)).isFalse();
        fakes.tasksRunning(Track.CANARY, "7", 1);
        fakes.clock().advanceSeconds(30);
        assertThat(steps.capacityReady(context, Track.CANARY, scaled)).isTrue();

        assertThat(steps.setWeight(context, 0)).isEqualTo(new Weights(90, 10));
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.CONTINUE);
        assertThat(steps.setWeight(context, 1)).isEqualTo(new Weights(80, 20));
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.CONTINUE);
        assertThat(steps.setWeight(context, 2)).isEqualTo(new Weights(50, 50));
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.PROMOTE);

        Instant promoting = steps.promote(context);
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_7);
        fakes.tasksRunning(Track.PRIMARY, "7", 3).tasksStopped(Track.PRIMARY, "6");
        assertThat(steps.capacityReady(context, Track.PRIMARY, promoting)).isTrue();
        Optional<Rollout> ended = steps.finish(context);

        Rollout done = fakes.store().record(SERVICE);
        assertThat(ended).contains(done);
        assertThat(done.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.reason()).isNull();
        assertThat(done.step()).isEqualTo(3);
        assertThat(done.duration()).isPositive().isEqualTo(Duration.between(began, fakes.clock().instant()));
        assertThat(done.weights()).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(done.primaryTaskDefinition()).isEqualTo(TASK_DEFINITION_7);
        assertThat(done.history()).extracting(HistoryEntry::phase)
                .containsSubsequence(Phase.INITIALIZING, Phase.PROGRESSING, Phase.PROMOTING, Phase.SUCCEEDED);
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 20, 50, 0);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.ecs().calls()).containsExactly("scale shop/orders 1",
                "deploy shop/orders-primary " + TASK_DEFINITION_7, "scale shop/orders 0");
        assertThat(fakes.metrics().checksRead()).as("one read of the metric check per analysis").hasSize(3);
        assertThat(steps.finish(context)).as("a retried finish ends nothing").isEmpty();
    }

    @Test
    void failingMetricCheckRollsBackAtThreshold() {
        fakes.metrics().datapoints(ERROR_RATE, 3.0, 2.5, 4.0);
        RolloutContext context = canaryUp(SampleSpecs.orders());

        steps.setWeight(context, 0);
        Decision first = analyzeAfterInterval(context);
        steps.setWeight(context, 1);
        Decision second = analyzeAfterInterval(context);

        assertThat(first.next()).as("1 of 2 failed checks").isEqualTo(Decision.CONTINUE);
        assertThat(second.next()).as("2 of 2 failed checks").isEqualTo(Decision.ROLLBACK);
        assertThat(second.summary()).contains("1 failed (error-rate)").contains("failed checks 2 of 2");
        assertThat(fakes.store().record(SERVICE).failedChecks()).isEqualTo(2);

        steps.rollback(context, "AnalysisFailed: " + second.summary());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).isEqualTo("AnalysisFailed: " + second.summary());
        assertThat(failed.weights()).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 20, 0);
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).isZero();
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_6);
    }

    @Test
    void happyPathAnnouncesTheStartEachWeightAndThePromotion() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        passAllSteps(context);
        steps.promote(context);
        fakes.tasksRunning(Track.PRIMARY, "7", 3).tasksStopped(Track.PRIMARY, "6");
        steps.finish(context);

        assertThat(fakes.events().types()).containsExactly(RolloutEvent.ROLLOUT_STARTED, RolloutEvent.WEIGHT_CHANGED,
                RolloutEvent.WEIGHT_CHANGED, RolloutEvent.WEIGHT_CHANGED, RolloutEvent.PROMOTED);
        assertThat(fakes.events().published()).allSatisfy(event -> {
            assertThat(event.service()).isEqualTo(SERVICE);
            assertThat(event.deploymentId()).isEqualTo(DEPLOYMENT);
            assertThat(event.execution()).isEqualTo(EXECUTION);
            assertThat(event.canaryTaskDefinition()).isEqualTo(TASK_DEFINITION_7);
        });
        assertThat(fakes.events().published()).extracting(RolloutEvent::canaryWeight).containsExactly(0, 10, 20, 50, 0);
        assertThat(fakes.events().published()).extracting(RolloutEvent::phase).containsExactly(Phase.INITIALIZING,
                Phase.PROGRESSING, Phase.PROGRESSING, Phase.PROGRESSING, Phase.SUCCEEDED);
        assertThat(fakes.events().published().getLast().at()).isEqualTo(fakes.store().record(SERVICE).updatedAt());
    }

    @Test
    void analysisRollbackAnnouncesEachFailedCheckThenTheRollback() {
        fakes.metrics().datapoints(ERROR_RATE, 3.0, 2.5, 4.0);
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        analyzeAfterInterval(context);
        steps.setWeight(context, 1);
        Decision second = analyzeAfterInterval(context);
        steps.rollback(context, "AnalysisFailed: " + second.summary());

        assertThat(fakes.events().types()).containsExactly(RolloutEvent.ROLLOUT_STARTED, RolloutEvent.WEIGHT_CHANGED,
                RolloutEvent.ANALYSIS_FAILED, RolloutEvent.WEIGHT_CHANGED, RolloutEvent.ANALYSIS_FAILED,
                RolloutEvent.ROLLED_BACK);
        RolloutEvent failed = fakes.events().published().get(4);
        assertThat(failed.reason()).isEqualTo(second.summary());
        assertThat(failed.canaryWeight()).isEqualTo(20);
        RolloutEvent rolledBack = fakes.events().published().getLast();
        assertThat(rolledBack.phase()).isEqualTo(Phase.FAILED);
        assertThat(rolledBack.canaryWeight()).isZero();
        assertThat(rolledBack.reason()).isEqualTo("AnalysisFailed: " + second.summary());
    }

    @Test
    void passingAnalysisAndRetriedStepsAnnounceNothingMore() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        steps.setWeight(context, 0);
        analyzeAfterInterval(context);

        assertThat(fakes.events().types()).containsExactly(RolloutEvent.ROLLOUT_STARTED, RolloutEvent.WEIGHT_CHANGED);
    }

    @Test
    void inconclusiveRoundThatBecomesAFailedCheckIsAnnounced() {
        fakes.metrics().datapoints(ERROR_RATE);
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        analyzeAfterInterval(context);
        assertThat(fakes.events().types()).as("one inconclusive round is no failed check yet")
                .doesNotContain(RolloutEvent.ANALYSIS_FAILED);
        steps.setWeight(context, 1);
        analyzeAfterInterval(context);

        assertThat(fakes.events().types()).endsWith(RolloutEvent.WEIGHT_CHANGED, RolloutEvent.ANALYSIS_FAILED);
    }

    @Test
    void bootstrapAnnouncesNothing() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        RolloutSteps bootstrap = onboarded.steps();
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        bootstrap.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        onboarded.tasksRunning(Track.PRIMARY, "7", 2);
        bootstrap.finish(context);

        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(onboarded.events().published()).isEmpty();
    }

    @Test
    void failingPublisherNeitherFailsNorRollsBackTheStep() {
        fakes.events().failsWith(new IllegalStateException("PutEvents throttled"));
        RolloutContext context = canaryUp(SampleSpecs.orders());

        assertThat(steps.setWeight(context, 0)).isEqualTo(new Weights(90, 10));
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.CONTINUE);

        Rollout rollout = fakes.store().record(SERVICE);
        assertThat(rollout.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(rollout.step()).isEqualTo(1);
        assertThat(fakes.router().weights(APP)).isEqualTo(new Weights(90, 10));
        assertThat(fakes.events().published()).isEmpty();
    }

    @Test
    void writeLostToAnotherWriterAnnouncesNothing() {
        fakes.metrics().datapoints(ERROR_RATE, 3.0, 2.5, 4.0);
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.store().beforeNextSave(() -> steps.abort(CLUSTER, APP, "p99 latency doubled"));
        List<String> before = fakes.events().types();

        catchThrowableOfType(ConcurrentUpdateException.class, () -> analyzeAfterInterval(context));

        assertThat(fakes.events().types()).as("the failed check was never recorded").isEqualTo(before);
    }

    @Test
    void rollbackByAnExecutionThatNoLongerOwnsTheRecordAnnouncesNothing() {
        RolloutContext stale = canaryUp(SampleSpecs.orders());
        steps.setWeight(stale, 0);
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 1);
        steps.initialize(context(NEWER_EXECUTION, SampleSpecs.orders()), NEWER_DEPLOYMENT, SampleSpecs.orders());
        List<String> before = fakes.events().types();

        assertThat(steps.rollback(stale, "States.Timeout")).isEmpty();
        assertThat(steps.rollback(context(NEWER_EXECUTION, SampleSpecs.orders()), "first"))
                .hasValueSatisfying(ended -> assertThat(ended.phase()).isEqualTo(Phase.FAILED));
        assertThat(steps.rollback(context(NEWER_EXECUTION, SampleSpecs.orders()), "again"))
                .as("a retried rollback ends nothing, so it is counted once").isEmpty();

        assertThat(fakes.events().published().subList(before.size(), fakes.events().published().size()))
                .singleElement().satisfies(event -> {
                    assertThat(event.type()).isEqualTo(RolloutEvent.ROLLED_BACK);
                    assertThat(event.execution()).isEqualTo(NEWER_EXECUTION);
                });
    }

    static Stream<Arguments> tooLittleData() {
        return Stream.of(
                Arguments.of(named("no datapoints at all", new Double[0])),
                Arguments.of(named("two of the three samples needed", new Double[] {0.1, 0.2})),
                Arguments.of(named("three datapoints, one a gap", new Double[] {0.1, null, 0.2})),
                Arguments.of(named("three datapoints, one not a number", new Double[] {0.1, Double.NaN, 0.2})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tooLittleData")
    void noDataIsNeverAPass(Double[] datapoints) {
        // One inconclusive result counts as a failed check, and one failed check rolls back.
        String strict = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "analysis")
                .put("threshold", 1).put("inconclusiveAsFailureAfter", 1));
        fakes.metrics().datapoints(ERROR_RATE, datapoints);
        RolloutContext context = canaryUp(strict);
        steps.setWeight(context, 0);

        Decision decision = analyzeAfterInterval(context);

        assertThat(decision.next()).isEqualTo(Decision.ROLLBACK);
        assertThat(decision.summary()).contains("1 inconclusive (error-rate)").doesNotContain("2 passed");
    }

    @Test
    void inconclusiveRoundsCountAsOneFailedCheckOnlyOnceTheSpecSaysSo() {
        fakes.metrics().datapoints(ERROR_RATE);
        RolloutContext context = canaryUp(SampleSpecs.orders());

        steps.setWeight(context, 0);
        Decision first = analyzeAfterInterval(context);
        Rollout afterFirst = fakes.store().record(SERVICE);
        steps.setWeight(context, 1);
        analyzeAfterInterval(context);
        Rollout afterSecond = fakes.store().record(SERVICE);

        assertThat(first.next()).isEqualTo(Decision.CONTINUE);
        assertThat(afterFirst.inconclusiveStreak()).isEqualTo(1);
        assertThat(afterFirst.failedChecks()).isZero();
        assertThat(afterSecond.inconclusiveStreak()).isZero();
        assertThat(afterSecond.failedChecks()).as("two inconclusive in a row count as one failed").isEqualTo(1);
    }

    @Test
    void alarmInAlarmFailsTheCheck() {
        fakes.metrics().alarm(ALARM);
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        Decision decision = analyzeAfterInterval(context);

        assertThat(decision.summary()).contains("1 passed").contains("1 failed (orders-5xx)");
        assertThat(decision.next()).as("1 of 2 failed checks").isEqualTo(Decision.CONTINUE);
        assertThat(fakes.store().record(SERVICE).failedChecks()).isEqualTo(1);
        assertThat(fakes.metrics().alarmReads()).containsExactly(List.of(ALARM));
    }

    @Test
    void metricQueriesAreAskedForTheCanarysVirtualNode() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        analyzeAfterInterval(context);

        MetricCheck read = fakes.metrics().checksRead().getFirst();
        assertThat(read.name()).isEqualTo(ERROR_RATE);
        assertThat(read.queries().getFirst().metric().orElseThrow().dimensions())
                .isEqualTo(Map.of("Mesh", "shop", "VirtualNode", "orders-canary"));
    }

    @Test
    void closedGateFailsTheRollout() {
        String gated = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "lambda").put("functionArn", GATE_FUNCTION));
        fakes.gates().closes(GATE_FUNCTION, "change freeze until 14:00");
        RolloutContext context = canaryUp(gated);
        steps.setWeight(context, 0);
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.CONTINUE);

        RolloutFailedException closed = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.passGate(context, "preStep"));

        assertThat(closed).hasMessage("preStep gate closed: change freeze until 14:00");
        assertThat(fakes.router().canaryWeightsApplied(APP)).as("no step past the gate").containsExactly(10);

        steps.rollback(context, "io.meshcanary.rollout.RolloutFailedException: " + closed.getMessage());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).contains("change freeze until 14:00");
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void gateThatDoesNotAnswerInTimeFailsTheRolloutNamingTheWait() {
        String gated = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "lambda").put("functionArn", GATE_FUNCTION).put("timeoutSeconds", 5));
        fakes.gates().hangs(GATE_FUNCTION);
        RolloutContext context = canaryUp(gated);
        steps.setWeight(context, 0);

        RolloutFailedException late = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.passGate(context, "preStep"));

        assertThat(late).hasMessage("preStep gate did not answer within 5 s");
        assertThat(fakes.router().canaryWeightsApplied(APP)).as("no step past the gate").containsExactly(10);
    }

    @Test
    void openGateIsToldWhereTheRolloutStands() {
        String gated = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "lambda").put("functionArn", GATE_FUNCTION));
        fakes.gates().opens(GATE_FUNCTION);
        RolloutContext context = canaryUp(gated);
        steps.setWeight(context, 0);

        steps.passGate(context, "preStep");

        FakeGates.Asked asked = fakes.gates().asked().getFirst();
        assertThat(asked.target()).isEqualTo(GATE_FUNCTION);
        assertThat(json(asked.payload())).isEqualTo(json("""
                {"service": "orders", "cluster": "shop", "stage": "preStep", "canaryWeight": 10,
                 "taskDefinition": "%s", "execution": "%s"}""".formatted(TASK_DEFINITION_7, EXECUTION)));
    }

    @Test
    void gateStageTheSpecDoesNotHaveIsAnInputError() {
        RolloutContext context = canaryUp(SampleSpecs.orders());

        InvalidInputException error = catchThrowableOfType(InvalidInputException.class,
                () -> steps.passGate(context, "preStep"));

        assertThat(error.field()).isEqualTo("stage");
        assertThat(fakes.gates().asked()).isEmpty();
    }

    @Test
    void retriedSetWeightDoesNotAdvanceTwice() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        Rollout afterFirstTry = fakes.store().record(SERVICE);

        // The first try's response was lost; Step Functions retries with the same stepsDone.
        Weights retried = steps.setWeight(context, 0);

        assertThat(retried).isEqualTo(new Weights(90, 10));
        assertThat(fakes.store().record(SERVICE)).isEqualTo(afterFirstTry);
        assertThat(fakes.router().weights(APP)).isEqualTo(new Weights(90, 10));
        assertThat(steps.setWeight(context, 1)).as("the next step after the retry").isEqualTo(new Weights(80, 20));
        assertThat(fakes.store().record(SERVICE).step()).isEqualTo(2);
    }

    @Test
    void workflowAndRecordThatDisagreeOnTheStepMoveNoTraffic() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        IllegalStateException error = catchThrowableOfType(IllegalStateException.class,
                () -> steps.setWeight(context, 2));

        assertThat(error).hasMessageContaining("workflow is at step 2").hasMessageContaining("at step 1");
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10);
    }

    @Test
    void routeThatReadsBackOtherWeightsFailsTheStep() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        fakes.router().readsBack(APP, Weights.ALL_PRIMARY);

        RolloutFailedException error = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.setWeight(context, 0));

        assertThat(error).hasMessage("route took canary weight 10%, read back 0%");
        assertThat(fakes.store().record(SERVICE).step()).isZero();
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.INITIALIZING);
    }

    static Stream<Arguments> stepsOfAStaleExecution() {
        return Stream.of(
                step("scaleCanary", (steps, stale) -> steps.scaleCanary(stale)),
                step("checkCapacity", (steps, stale) -> steps.capacityReady(stale, Track.CANARY, Instant.EPOCH)),
                step("setWeight", (steps, stale) -> steps.setWeight(stale, 1)),
                step("analyze", (steps, stale) -> steps.analyze(stale)),
                step("passGate", (steps, stale) -> steps.passGate(stale, "preStep")),
                step("awaitApproval", (steps, stale) -> steps.awaitApproval(stale, "preStep", TOKEN)),
                step("promote", (steps, stale) -> steps.promote(stale)),
                step("finish", (steps, stale) -> steps.finish(stale)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsOfAStaleExecution")
    void staleExecutionIsSupersededAndTouchesNothing(StaleStep staleStep) {
        RolloutContext stale = canaryUp(SampleSpecs.orders());
        steps.setWeight(stale, 0);
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 1);
        RolloutContext newer = context(NEWER_EXECUTION, SampleSpecs.orders());
        steps.initialize(newer, NEWER_DEPLOYMENT, SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();
        Rollout newersRecord = fakes.store().record(SERVICE);

        SupersededException error = catchThrowableOfType(SupersededException.class,
                () -> staleStep.run(steps, stale));

        assertThat(error).hasMessageContaining(EXECUTION).hasMessageContaining(NEWER_EXECUTION);
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.store().record(SERVICE)).isEqualTo(newersRecord);
    }

    @Test
    void newDeploymentSupersedesTheActiveRollout() {
        RolloutContext older = canaryUp(SampleSpecs.orders());
        steps.setWeight(older, 0);
        analyzeAfterInterval(older);
        steps.setWeight(older, 1);
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 1);
        RolloutContext newer = context(NEWER_EXECUTION, SampleSpecs.orders());

        Plan plan = steps.initialize(newer, NEWER_DEPLOYMENT, SampleSpecs.orders());

        assertThat(plan.bootstrap()).isFalse();
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 20, 0);
        Rollout superseded = fakes.store().writes().stream()
                .filter(write -> write.execution().equals(EXECUTION)).toList().getLast();
        assertThat(superseded.phase()).isEqualTo(Phase.SUPERSEDED);
        assertThat(superseded.reason()).isEqualTo("superseded by " + NEWER_EXECUTION);
        assertThat(fakes.workflows().stopped()).containsExactly(new FakeWorkflows.Failure(EXECUTION, "Superseded",
                "superseded by execution " + NEWER_EXECUTION));
        Rollout current = fakes.store().record(SERVICE);
        assertThat(current.execution()).isEqualTo(NEWER_EXECUTION);
        assertThat(current.deploymentId()).isEqualTo(NEWER_DEPLOYMENT);
        assertThat(current.phase()).isEqualTo(Phase.INITIALIZING);
        assertThat(current.canaryTaskDefinition()).isEqualTo(TASK_DEFINITION_8);
        assertThat(current.primaryTaskDefinition()).isEqualTo(TASK_DEFINITION_6);
        assertThat(current.version()).isEqualTo(1);
    }

    @Test
    void newerRolloutShiftsNoTrafficWhileTheCanaryTrackStillServesTheOlderRevision() {
        RolloutContext older = canaryUp(SampleSpecs.orders());
        steps.setWeight(older, 0);
        fakes.ecs().given(CLUSTER, APP, TASK_DEFINITION_8, 1);
        RolloutContext newer = context(NEWER_EXECUTION, SampleSpecs.orders());
        steps.initialize(newer, NEWER_DEPLOYMENT, SampleSpecs.orders());
        Instant since = steps.scaleCanary(newer);

        fakes.tasksRunning(Track.CANARY, "8", 1);
        assertThat(steps.capacityReady(newer, Track.CANARY, since)).as("revision 7's task still registered").isFalse();
        fakes.tasksStopped(Track.CANARY, "7");
        assertThat(steps.capacityReady(newer, Track.CANARY, since)).as("revision 8 alone").isTrue();
    }

    @Test
    void retriedInitializeStartsTheRolloutOnce() {
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        Plan first = steps.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        RolloutFakes.Footprint before = fakes.footprint();

        Plan retried = steps.initialize(context, DEPLOYMENT, SampleSpecs.orders());

        assertThat(retried).isEqualTo(first);
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.store().record(SERVICE).version()).isEqualTo(1);
    }

    @Test
    void serviceEcsDoesNotKnowStartsNothing() {
        RolloutContext payments = new RolloutContext(CLUSTER, "payments", EXECUTION,
                CanarySpec.parse(SampleSpecs.orders()));
        RolloutFakes.Footprint before = fakes.footprint();

        InvalidInputException error = catchThrowableOfType(InvalidInputException.class,
                () -> steps.initialize(payments, DEPLOYMENT, SampleSpecs.orders()));

        assertThat(error.field()).isEqualTo("service");
        assertThat(error).hasMessageContaining("ECS cluster shop has no service payments");
        assertThat(fakes.footprint()).isEqualTo(before);
    }

    @Test
    void rollbackIsIdempotentAndOnlyForTheOwner() {
        RolloutContext owner = canaryUp(SampleSpecs.orders());
        steps.setWeight(owner, 0);
        RolloutContext stranger = context("shop-orders-1111111111111111111", SampleSpecs.orders());
        RolloutFakes.Footprint beforeStranger = fakes.footprint();

        steps.rollback(stranger, "States.Timeout");

        assertThat(fakes.footprint()).as("a stranger's rollback").isEqualTo(beforeStranger);
        assertThat(fakes.router().weights(APP)).isEqualTo(new Weights(90, 10));

        steps.rollback(owner, "AnalysisFailed: 1 failed (error-rate)");
        Rollout failed = fakes.store().record(SERVICE);
        RolloutFakes.Footprint afterFirst = fakes.footprint();
        steps.rollback(owner, "AnalysisFailed: 1 failed (error-rate)");

        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.history()).extracting(HistoryEntry::phase).endsWith(Phase.ROLLING_BACK, Phase.FAILED);
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 0);
        assertThat(fakes.ecs().calls()).containsOnlyOnce("scale shop/orders 0");
        assertThat(fakes.footprint()).as("a second rollback").isEqualTo(afterFirst);
        assertThat(fakes.store().record(SERVICE)).isEqualTo(failed);
    }

    @Test
    void abortRevertsTrafficAndNextAnalysisRollsBack() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        analyzeAfterInterval(context);
        steps.setWeight(context, 1);

        steps.abort(CLUSTER, APP, "p99 latency doubled");

        assertThat(fakes.router().weights(APP)).as("at once, not at the next step").isEqualTo(Weights.ALL_PRIMARY);
        Rollout aborted = fakes.store().record(SERVICE);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.reason()).isEqualTo("p99 latency doubled");
        assertThat(aborted.weights()).isEqualTo(Weights.ALL_PRIMARY);

        int readsBefore = fakes.metrics().reads();
        Decision decision = analyzeAfterInterval(context);

        assertThat(decision).isEqualTo(new Decision(Decision.ROLLBACK, "p99 latency doubled"));
        assertThat(fakes.metrics().reads()).as("no analysis of an aborted canary").isEqualTo(readsBefore);

        steps.rollback(context, "AnalysisFailed: " + decision.summary());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).as("the first reason stays").isEqualTo("p99 latency doubled");
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).isZero();
    }

    @Test
    void secondAbortKeepsTheFirstReasonAndTheTrafficOnThePrimary() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        steps.abort(CLUSTER, APP, "p99 latency doubled");

        steps.abort(CLUSTER, APP, "aborted again");

        Rollout aborted = fakes.store().record(SERVICE);
        assertThat(aborted.phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.reason()).isEqualTo("p99 latency doubled");
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.router().canaryWeightsApplied(APP)).as("each abort re-asserts the primary")
                .containsExactly(10, 0, 0);
    }

    @Test
    void abortedRolloutTakesNoMoreTraffic() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.CONTINUE);
        // The alarm fires after the analysis passed, while the workflow heads for the next step.
        steps.abort(CLUSTER, APP, "alarm orders-5xx is in ALARM");

        RolloutFailedException error = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.setWeight(context, 1));

        assertThat(error).hasMessageContaining("alarm orders-5xx is in ALARM");
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10, 0);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
    }

    @Test
    void abortWinsOverAnAnalysisInFlightAndKeepsItsReason() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.store().beforeNextSave(() -> steps.abort(CLUSTER, APP, "p99 latency doubled"));

        ConcurrentUpdateException lost = catchThrowableOfType(ConcurrentUpdateException.class,
                () -> analyzeAfterInterval(context));

        assertThat(lost).isNotNull();
        assertThat(fakes.store().record(SERVICE).phase()).as("the analysis did not overwrite the abort")
                .isEqualTo(Phase.ABORTED);

        steps.rollback(context, "io.meshcanary.port.ConcurrentUpdateException: " + lost.getMessage());

        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.FAILED);
        assertThat(fakes.store().record(SERVICE).reason()).isEqualTo("p99 latency doubled");
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void approveSendsTheStoredToken() {
        String manual = SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "prePromotion")
                .put("type", "manual"));
        RolloutContext context = context(EXECUTION, manual);
        assertThat(steps.initialize(context, DEPLOYMENT, manual).prePromotionGate()).isEqualTo("manual");
        canaryRegisters(context);
        passAllSteps(context);

        steps.awaitApproval(context, "prePromotion", TOKEN);
        assertThat(fakes.store().record(SERVICE).approvalToken()).isEqualTo(TOKEN);
        steps.approve(CLUSTER, APP);

        assertThat(fakes.workflows().approved()).containsExactly(TOKEN);
        assertThat(fakes.store().record(SERVICE).approvalToken()).isNull();
        assertThat(fakes.store().record(SERVICE).history()).last().extracting(HistoryEntry::note)
                .isEqualTo("approved by an operator");

        InvalidInputException again = catchThrowableOfType(InvalidInputException.class,
                () -> steps.approve(CLUSTER, APP));

        assertThat(again.field()).isEqualTo("action");
        assertThat(fakes.workflows().approved()).containsExactly(TOKEN);
    }

    @Test
    void abortAtAManualGateRejectsTheWaitingToken() {
        RolloutContext context = atAManualPreStepGate();
        steps.awaitApproval(context, "preStep", TOKEN);

        steps.abort(CLUSTER, APP, "aborted by an operator");

        assertThat(fakes.workflows().rejected())
                .containsExactly(new FakeWorkflows.Failure(TOKEN, "Aborted", "aborted by an operator"));
        assertThat(fakes.workflows().approved()).isEmpty();
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    /**
     * The manual gate and the abort race for the record; the workflow retries the loser's lost conditional write (its
     * Retry on ConcurrentUpdateException, WorkflowRetryTest), and either way nothing waits at the gate for an answer.
     */
    @Test
    void abortThatLosesTheRaceToAManualGateRejectsItsTokenWhenRetried() {
        RolloutContext context = atAManualPreStepGate();
        fakes.store().beforeNextSave(() -> steps.awaitApproval(context, "preStep", TOKEN));

        assertThatThrownBy(() -> steps.abort(CLUSTER, APP, "aborted by an operator"))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(fakes.router().weights(APP)).as("traffic first").isEqualTo(Weights.ALL_PRIMARY);
        steps.abort(CLUSTER, APP, "aborted by an operator");

        assertThat(fakes.workflows().rejected())
                .containsExactly(new FakeWorkflows.Failure(TOKEN, "Aborted", "aborted by an operator"));
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
    }

    @Test
    void manualGateThatLosesTheRaceToAnAbortGoesToTheRollbackWhenRetried() {
        RolloutContext context = atAManualPreStepGate();
        fakes.store().beforeNextSave(() -> steps.abort(CLUSTER, APP, "aborted by an operator"));

        assertThatThrownBy(() -> steps.awaitApproval(context, "preStep", TOKEN))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThatThrownBy(() -> steps.awaitApproval(context, "preStep", TOKEN))
                .isInstanceOf(RolloutFailedException.class).hasMessage("aborted by an operator");

        assertThat(fakes.store().record(SERVICE).approvalToken()).as("nothing waits at the gate").isNull();
        assertThat(fakes.workflows().rejected()).isEmpty();
    }

    @Test
    void promoteNowSkipsTheRemainingStepsAfterAPassingAnalysis() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        steps.promoteNow(CLUSTER, APP);
        Decision decision = analyzeAfterInterval(context);
        steps.promote(context);

        assertThat(decision.next()).isEqualTo(Decision.PROMOTE);
        assertThat(decision.summary()).startsWith("promotion requested by an operator; 2 passed");
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(10);
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_7);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROMOTING);
    }

    @Test
    void promoteNowNeverSkipsTheAnalysis() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.metrics().datapoints(ERROR_RATE, 7.0, 6.5, 8.0);

        steps.promoteNow(CLUSTER, APP);

        assertThat(analyzeAfterInterval(context).next()).as("one failed check of two").isEqualTo(Decision.CONTINUE);
        steps.setWeight(context, 1);
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.ROLLBACK);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROGRESSING);
    }

    @Test
    void alarmThatDoesNotExistIsInconclusiveAndNamedInTheRecord() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.metrics().missing(ALARM);

        Decision decision = analyzeAfterInterval(context);

        assertThat(decision.summary()).contains("1 inconclusive (" + ALARM + ")").endsWith("; no alarm named " + ALARM);
        Rollout record = fakes.store().record(SERVICE);
        assertThat(record.inconclusiveStreak()).isEqualTo(1);
        assertThat(record.history().getLast().note()).endsWith("no alarm named " + ALARM);
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                command("approve", steps -> steps.approve(CLUSTER, APP)),
                command("abort", steps -> steps.abort(CLUSTER, APP, "aborted by an operator")),
                command("promote", steps -> steps.promoteNow(CLUSTER, APP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void commandForAServiceWithoutAnActiveRolloutIsRejected(Consumer<RolloutSteps> command) {
        RolloutFakes.Footprint untouched = fakes.footprint();

        InvalidInputException none = catchThrowableOfType(InvalidInputException.class, () -> command.accept(steps));

        assertThat(none.field()).isEqualTo("service");
        assertThat(none).hasMessage("service: orders has no active rollout in cluster shop");
        assertThat(fakes.footprint()).isEqualTo(untouched);

        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.rollback(context, "States.Timeout");
        RolloutFakes.Footprint ended = fakes.footprint();

        InvalidInputException afterEnd = catchThrowableOfType(InvalidInputException.class,
                () -> command.accept(steps));

        assertThat(afterEnd.field()).isEqualTo("service");
        assertThat(fakes.footprint()).isEqualTo(ended);
    }

    @Test
    void capacityDeadlineFailsTheRollout() {
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        steps.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        Instant scaled = steps.scaleCanary(context);
        fakes.tasksRunning(Track.CANARY, "6", 1);

        fakes.clock().advanceSeconds(600);
        assertThat(steps.capacityReady(context, Track.CANARY, scaled))
                .as("at the deadline, with a task of the old revision only").isFalse();
        fakes.clock().advanceSeconds(1);
        RolloutFailedException late = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.capacityReady(context, Track.CANARY, scaled));

        assertThat(late).hasMessage("canary track has 0 of 1 registered tasks of revision 7 after 600s");

        steps.rollback(context, "io.meshcanary.rollout.RolloutFailedException: " + late.getMessage());

        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).contains("0 of 1 registered tasks");
        assertThat(fakes.router().canaryWeightsApplied(APP)).containsExactly(0);
        assertThat(fakes.ecs().calls()).containsExactly("scale shop/orders 1", "scale shop/orders 0");
    }

    @Test
    void primaryIsReadyOnlyWhenNoOldRevisionIsRegistered() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        passAllSteps(context);
        Instant promoting = steps.promote(context);

        fakes.tasksRunning(Track.PRIMARY, "7", 2);
        assertThat(steps.capacityReady(context, Track.PRIMARY, promoting)).as("2 of 3 new tasks").isFalse();
        fakes.tasksRunning(Track.PRIMARY, "7", 1);
        assertThat(steps.capacityReady(context, Track.PRIMARY, promoting)).as("3 new, 3 old tasks").isFalse();
        fakes.tasksStopped(Track.PRIMARY, "6");
        assertThat(steps.capacityReady(context, Track.PRIMARY, promoting)).as("3 new tasks only").isTrue();
    }

    @Test
    void primaryThatDoesNotTakeTheNewRevisionInTimeFailsThePromotion() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        passAllSteps(context);
        Instant promoting = steps.promote(context);

        fakes.clock().advanceSeconds(901);
        RolloutFailedException late = catchThrowableOfType(RolloutFailedException.class,
                () -> steps.capacityReady(context, Track.PRIMARY, promoting));

        assertThat(late).hasMessage("primary track has 0 of 3 registered tasks of revision 7 after 900s");
    }

    @Test
    void rollbackDuringPromotionPutsThePrimaryBackOnItsOldRevision() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        passAllSteps(context);
        steps.promote(context);
        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_7);

        steps.rollback(context, "primary never became ready");

        assertThat(fakes.ecs().service(CLUSTER, PRIMARY_SERVICE).taskDefinition()).isEqualTo(TASK_DEFINITION_6);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.FAILED);
    }

    @Test
    void rollbackScalesTheCanaryInWhenThePrimaryServesItsRevision() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);

        steps.rollback(context, "AnalysisFailed: 2 failed (error-rate)");

        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).isZero();
        assertThat(fakes.store().record(SERVICE).reason()).isEqualTo("AnalysisFailed: 2 failed (error-rate)");
    }

    @Test
    void rollbackKeepsTheCanaryWhenThePrimaryRunsNoRegisteredTaskOfItsRevision() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.tasksStopped(Track.PRIMARY, "6");

        steps.rollback(context, "AnalysisFailed: 2 failed (error-rate)");

        assertCanaryKept("AnalysisFailed: 2 failed (error-rate)",
                "the primary has no registered, healthy task of revision 6");
    }

    @Test
    void rollbackKeepsTheCanaryWhenNoTargetOfThePrimaryIsHealthy() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.router().healthy(APP, Track.PRIMARY, 0);

        steps.rollback(context, "States.Timeout");

        assertCanaryKept("States.Timeout", "the primary has no registered, healthy task of revision 6");
    }

    @Test
    void rollbackKeepsTheCanaryWhenThePrimarysTasksCannotBeCounted() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        fakes.directory().unreadable("ServiceNotFound");

        steps.rollback(context, "States.Timeout");

        assertCanaryKept("States.Timeout", "the primary's tasks could not be counted (list the instances of Cloud "
                + "Map service shop.local/orders: ServiceNotFound)");
    }

    @Test
    void failedBootstrapLeavesTheUsersServiceRunning() {
        RolloutFakes onboarded = RolloutFakes.ordersNewlyOnboarded();
        RolloutSteps bootstrap = onboarded.steps();
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());
        bootstrap.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        Instant since = onboarded.clock().instant();
        onboarded.clock().advanceSeconds(901);
        RolloutFailedException late = catchThrowableOfType(RolloutFailedException.class,
                () -> bootstrap.capacityReady(context, Track.PRIMARY, since));

        bootstrap.rollback(context, "io.meshcanary.rollout.RolloutFailedException: " + late.getMessage());

        assertThat(onboarded.store().record(SERVICE).phase()).isEqualTo(Phase.FAILED);
        assertThat(onboarded.ecs().service(CLUSTER, APP).desiredCount())
                .as("the user's service is the only one with tasks").isEqualTo(2);
        assertThat(onboarded.ecs().calls()).doesNotContain("scale shop/orders 0");
    }

    @Test
    void planTellsTheWorkflowWhichGatesToAskAndHowLongToWait() {
        String gated = SampleSpecs.ordersWith(root -> {
            root.put("intervalSeconds", 8);
            SampleSpecs.at(root, "timeouts").put("gateSeconds", 900);
            SampleSpecs.at(root, "gates", "preRollout").put("type", "lambda").put("functionArn", GATE_FUNCTION);
            SampleSpecs.at(root, "gates", "preStep").put("type", "webhook").put("url", "https://gates.example.com");
            SampleSpecs.at(root, "gates", "prePromotion").put("type", "manual");
        });

        Plan plan = steps.initialize(context(EXECUTION, gated), DEPLOYMENT, gated);

        assertThat(plan).isEqualTo(new Plan(false, 8, 4, "auto", "auto", "manual", 900));
    }

    /**
     * The rollback ended the rollout for {@code reason} with all traffic on the primary, and left the canary, the
     * only tasks that may serve, running; the record's history and the event say why.
     */
    private void assertCanaryKept(String reason, String why) {
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).as("the canary's tasks").isEqualTo(1);
        assertThat(fakes.scaling().calls()).as("the canary's scaling").doesNotContain("hold shop/orders");
        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).isEqualTo(reason);
        assertThat(failed.history()).extracting(HistoryEntry::note)
                .contains("all traffic on the primary; the canary keeps its tasks: " + why);
        assertThat(fakes.events().published()).last().satisfies(event -> {
            assertThat(event.type()).isEqualTo(RolloutEvent.ROLLED_BACK);
            assertThat(event.reason()).isEqualTo(reason + "; the canary keeps its tasks: " + why);
        });
    }

    /** The rollout with a manual pre-step gate is at 10% and its analysis passed: the workflow goes to the gate. */
    private RolloutContext atAManualPreStepGate() {
        RolloutContext context = canaryUp(SampleSpecs.ordersWith(root -> SampleSpecs.at(root, "gates", "preStep")
                .put("type", "manual")));
        steps.setWeight(context, 0);
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.CONTINUE);
        return context;
    }

    /** Initialize, scale the canary and see its task register, as the workflow does before the first weight. */
    private RolloutContext canaryUp(String specJson) {
        RolloutContext context = context(EXECUTION, specJson);
        steps.initialize(context, DEPLOYMENT, specJson);
        canaryRegisters(context);
        return context;
    }

    private void canaryRegisters(RolloutContext context) {
        Instant since = steps.scaleCanary(context);
        fakes.tasksRunning(Track.CANARY, "7", context.spec().canary().desiredCount());
        assertThat(steps.capacityReady(context, Track.CANARY, since)).isTrue();
    }

    /** Every weight step of the spec, each with a passing analysis; the last one says promote. */
    private void passAllSteps(RolloutContext context) {
        List<Integer> weights = context.spec().steps();
        for (int done = 0; done < weights.size(); done++) {
            steps.setWeight(context, done);
            String expected = done + 1 < weights.size() ? Decision.CONTINUE : Decision.PROMOTE;
            assertThat(analyzeAfterInterval(context).next()).isEqualTo(expected);
        }
    }

    private Decision analyzeAfterInterval(RolloutContext context) {
        fakes.clock().advanceSeconds(INTERVAL);
        return steps.analyze(context);
    }

    /** The twin is up and has taken the team's traffic over. */
    private static void bootstrapped(RolloutFakes onboarded, RolloutSteps steps) {
        RolloutContext bootstrap = context(EXECUTION, SampleSpecs.orders());
        steps.initialize(bootstrap, DEPLOYMENT, SampleSpecs.orders());
        onboarded.tasksRunning(Track.PRIMARY, "7", 2);
        steps.finish(bootstrap);
    }

    private static RolloutContext context(String execution, String specJson) {
        return new RolloutContext(CLUSTER, APP, execution, CanarySpec.parse(specJson));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A step of the workflow, called by an execution that may no longer own the rollout. */
    @FunctionalInterface
    interface StaleStep {
        void run(RolloutSteps steps, RolloutContext stale);
    }

    private static Arguments step(String name, StaleStep step) {
        return Arguments.of(named(name, step));
    }

    private static Arguments command(String name, Consumer<RolloutSteps> command) {
        return Arguments.of(named(name, command));
    }
}
