package io.meshcanary.functions.noderegistry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.registry.PortBinding;
import io.meshcanary.registry.TaskChange;
import io.meshcanary.testing.SampleFiles;
import java.util.List;
import java.util.Optional;
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
                Optional.of("10.0.1.23"), List.of(), Optional.empty()));
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
    void scheduledTaskKeepsItsFamilyGroup() throws JsonProcessingException {
        assertThat(read(SampleFiles.NO_SERVICE_RUNNING).group()).isEqualTo("family:nightly-report");
    }

    private static TaskChange read(String sample) throws JsonProcessingException {
        return TaskStateChangeEvent.read(JSON.readTree(SampleFiles.read(sample)));
    }
}
