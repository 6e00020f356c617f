package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.PRIMARY_SERVICE;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_7;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshcanary.model.Track;
import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.testing.SampleSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The weight steps and the promotion, with what each announces. */
class TrafficStepsTest extends WorkflowScenario {

    @Test
    void happyPathWeightsFollowTheSpecThenPromote() {
        RolloutContext context = context(EXECUTION, SampleSpecs.orders());

        Instant began = fakes.clock().instant();
        Plan plan = steps.initialize(context, DEPLOYMENT, SampleSpecs.orders());
        assertThat(plan).isEqualTo(new Plan(false, 60, 10, GateKind.NONE, GateKind.NONE, GateKind.NONE, 3_600));
        Instant scaled = steps.scaleCanary(context);
        assertThat(steps.capacityReady(context, Track.CANARY, scaled)).isFalse();
        fakes.tasksRunning(Track.CANARY, "7", 1);
        fakes.clock().advanceSeconds(30);
        assertThat(steps.capacityReady(context, Track.CANARY, scaled)).isTrue();

        assertThat(steps.setWeight(context, 0).weights()).isEqualTo(new Weights(90, 10));
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.Next.CONTINUE);
        assertThat(steps.setWeight(context, 1).weights()).isEqualTo(new Weights(80, 20));
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.Next.CONTINUE);
        assertThat(steps.setWeight(context, 2).weights()).isEqualTo(new Weights(50, 50));
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.Next.PROMOTE);

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
    void passingAnalysisAndRetriedStepsAnnounceNothingMore() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        steps.setWeight(context, 0);
        analyzeAfterInterval(context);

        assertThat(fakes.events().types()).containsExactly(RolloutEvent.ROLLOUT_STARTED, RolloutEvent.WEIGHT_CHANGED);
    }

    @Test
    void failingPublisherNeitherFailsNorRollsBackTheStep() {
        fakes.events().failsWith(new IllegalStateException("PutEvents throttled"));
        RolloutContext context = canaryUp(SampleSpecs.orders());

        assertThat(steps.setWeight(context, 0).weights()).isEqualTo(new Weights(90, 10));
        assertThat(analyzeAfterInterval(context).next()).isEqualTo(Decision.Next.CONTINUE);

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
    void retriedSetWeightDoesNotAdvanceTwice() {
        RolloutContext context = canaryUp(SampleSpecs.orders());
        steps.setWeight(context, 0);
        Rollout afterFirstTry = fakes.store().record(SERVICE);

        // The first try's response was lost; Step Functions retries with the same stepsDone.
        Weights retried = steps.setWeight(context, 0).weights();

        assertThat(retried).isEqualTo(new Weights(90, 10));
        assertThat(fakes.store().record(SERVICE)).isEqualTo(afterFirstTry);
        assertThat(fakes.router().weights(APP)).isEqualTo(new Weights(90, 10));
        assertThat(steps.setWeight(context, 1).weights()).as("the next step after the retry")
                .isEqualTo(new Weights(80, 20));
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
}
