package io.meshcanary.functions.noderegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.registry.PortBinding;
import io.meshcanary.registry.TaskChange;
import io.meshcanary.testing.SampleFiles;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TaskStateChangeEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fargateTaskIsReachedOnItsEniAddress() throws JsonProcessingException {
        TaskChange change = read(SampleFiles.FARGATE_RUNNING);

        assertThat(change).isEqualTo(new TaskChange(
                "arn:aws:ecs:us-east-1:123456789012:task/shop/6b2f9a3c1d8e4f0a9b7c5d3e1f2a4b6c",
                "arn:aws:ecs:us-east-1:123456789012:cluster/shop",
                "service:orders",
                "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7",
                Optional.of("10.0.1.23"), List.of(), Optional.empty(), Optional.empty()));
    }

    @Test
    void bridgeTaskBringsEveryHostBindingAndItsContainerInstance() throws JsonProcessingException {
        TaskChange change = read(SampleFiles.BRIDGE_RUNNING);

        assertThat(change.eniAddress()).isEmpty();
        assertThat(change.bindings()).containsExactly(
                new PortBinding("0.0.0.0", 8080, 32768),
                new PortBinding("::", 8080, 32768),
                new PortBinding("0.0.0.0", 9901, 32769));
        assertThat(change.containerInstanceArn()).contains(
                "arn:aws:ecs:us-east-1:123456789012:container-instance/shop/2f8e4c1a7b9d4e60a3c5b7d9e1f30425");
    }

    @Test
    void stoppedTaskStillCarriesTheAddressItHad() throws JsonProcessingException {
        assertThat(read(SampleFiles.STOPPED_FAILED).eniAddress()).contains("10.0.1.23");
    }

    @Test
    void essentialContainerExitingNonZeroIsAFailure() throws JsonProcessingException {
        assertThat(read(SampleFiles.STOPPED_FAILED).failure()).contains("container orders exited with code 1");
    }

    @Test
    void runningTaskHasNoFailure() throws JsonProcessingException {
        assertThat(read(SampleFiles.FARGATE_RUNNING).failure()).isEmpty();
    }

    @Test
    void taskStoppedCleanlyByTheSchedulerIsNoFailure() throws JsonProcessingException {
        TaskChange change = readStopped(detail -> {
            exitCodes(detail, 0);
            detail.put("stopCode", "ServiceSchedulerInitiated")
                    .put("stoppedReason", "Scaling activity initiated by deployment");
            detail.put("healthStatus", "UNKNOWN");
        });

        assertThat(change.failure()).isEmpty();
    }

    @Test
    void containerAnsweringASchedulerStopWithSigtermIsNoFailure() throws JsonProcessingException {
        TaskChange change = readStopped(detail -> {
            exitCodes(detail, 143);
            detail.put("stopCode", "ServiceSchedulerInitiated")
                    .put("stoppedReason", "Scaling activity initiated by deployment");
        });

        assertThat(change.failure()).isEmpty();
    }

    @Test
    void taskThatFailedToStartIsAFailure() throws JsonProcessingException {
        TaskChange change = readStopped(detail -> {
            detail.get("containers").forEach(container -> ((ObjectNode) container).remove("exitCode"));
            detail.put("stopCode", "TaskFailedToStart").put("stoppedReason", "CannotPullContainerError: not found");
        });

        assertThat(change.failure()).contains("failed to start: CannotPullContainerError: not found");
    }

    @Test
    void failedHealthCheckIsAFailureEvenWhenTheSchedulerStoppedTheTask() throws JsonProcessingException {
        TaskChange change = readStopped(detail -> {
            exitCodes(detail, 0);
            detail.put("stopCode", "ServiceSchedulerInitiated")
                    .put("stoppedReason", "Task failed ELB health checks in (target-group orders)");
        });

        assertThat(change.failure())
                .contains("failed a health check: Task failed ELB health checks in (target-group orders)");
    }

    @Test
    void unhealthyTaskIsAFailure() throws JsonProcessingException {
        TaskChange change = readStopped(detail -> exitCodes(detail, 0));

        assertThat(change.failure()).contains("stopped unhealthy: Essential container in task exited");
    }

    @Test
    void nonEssentialContainerExitingNonZeroIsNoFailure() throws JsonProcessingException {
        TaskChange change = readStopped(detail -> {
            detail.put("healthStatus", "HEALTHY");
            ((ObjectNode) detail.get("containers").get(0)).put("essential", false);
        });

        assertThat(change.failure()).isEmpty();
    }

    @Test
    void exitCodeThatIsNoNumberIsRejectedNamingTheContainer() {
        ObjectNode event = stoppedSample();
        ((ObjectNode) event.get("detail").get("containers").get(0)).put("exitCode", "boom");

        InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                () -> TaskStateChangeEvent.read(event));

        assertThat(error.field()).isEqualTo("detail.containers[0].exitCode");
    }

    @Test
    void scheduledTaskKeepsItsFamilyGroup() throws JsonProcessingException {
        assertThat(read(SampleFiles.NO_SERVICE_RUNNING).group()).isEqualTo("family:nightly-report");
    }

    private static void exitCodes(ObjectNode detail, int exitCode) {
        detail.get("containers").forEach(container -> ((ObjectNode) container).put("exitCode", exitCode));
    }

    private static ObjectNode stoppedSample() {
        try {
            return (ObjectNode) JSON.readTree(SampleFiles.read(SampleFiles.STOPPED_FAILED));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The STOPPED sample, its detail changed by {@code change}. */
    private static TaskChange readStopped(Consumer<ObjectNode> change) {
        ObjectNode event = stoppedSample();
        change.accept((ObjectNode) event.get("detail"));
        return TaskStateChangeEvent.read(event);
    }

    private static TaskChange read(String sample) throws JsonProcessingException {
        return TaskStateChangeEvent.read(JSON.readTree(SampleFiles.read(sample)));
    }
}
