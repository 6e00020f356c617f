package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.it.CanaryWorkflow.Outcome;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** The operator's commands, started as manual executions the way the README shows, against a running rollout. */
class OperatorCommandsEmulatorTest {

    @Test
    void promoteMidRolloutPromotesAfterTheNextPassingAnalysisWithoutAnotherWeightStep() {
        CanaryApp app = new CanaryApp();
        // Long enough that the command lands while the first step waits for its analysis.
        app.bootstrap(app.spec().put("intervalSeconds", 8));
        String v2 = promotedAtTheFirstStep(app, 0.2);

        JsonNode rollout = app.awaitRollout(v2, "SUCCEEDED");
        assertThat(rollout.path("history").findValuesAsText("note")).as("the record's weight steps")
                .filteredOn(note -> note.startsWith("weight ")).hasSize(1);
        long weightSteps = CanaryWorkflow.history(rollout.path("execution").asText()).stream()
                .filter(event -> event.type() == HistoryEventType.TASK_STATE_ENTERED)
                .filter(event -> event.stateEnteredEventDetails().name().equals("SetWeight"))
                .count();
        assertThat(weightSteps).as("SetWeight states the execution entered").isEqualTo(1);
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v2);
    }

    @Test
    void promoteWithAFailingMetricCheckDoesNotPromote() {
        CanaryApp app = new CanaryApp();
        String v1 = app.bootstrap(app.spec().put("intervalSeconds", 4));
        // The example spec's error-rate check allows at most 1%.
        String v2 = promotedAtTheFirstStep(app, 7.0);

        JsonNode rollout = app.awaitRollout(v2, "FAILED");
        assertThat(rollout.path("promoteRequested").asBoolean()).isTrue();
        assertThat(rollout.path("history")).extracting(entry -> entry.path("phase").asText())
                .doesNotContain("PROMOTING", "SUCCEEDED");
        assertThat(rollout.path("reason").asText()).contains("error-rate");
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
        assertThat(app.canaryWeight()).isZero();
        Outcome execution = CanaryWorkflow.awaitOutcome(rollout.path("execution").asText());
        assertThat(execution.error()).isEqualTo("RolledBack");
    }

    /**
     * Releases orders:2 with the canary's error rate at {@code errorRatePercent}, and once its first weight step is
     * applied an operator sends {@code promote}, the manual execution the README shows, which succeeds.
     *
     * @return the released task definition
     */
    private static String promotedAtTheFirstStep(CanaryApp app, double errorRatePercent) {
        app.reportErrorRate(errorRatePercent);
        String released = app.registerRevision("orders:2");
        app.deploy(released);
        app.awaitStep(released, 1);

        String promote = "promote-" + app.id;
        CanaryWorkflow.start(promote, SampleEvents.JSON.createObjectNode().put("cluster", app.cluster)
                .put("service", app.app).put("action", "promote").toString());
        assertThat(CanaryWorkflow.awaitOutcome(promote).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return released;
    }
}
