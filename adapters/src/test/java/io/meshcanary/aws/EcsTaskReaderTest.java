package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.registry.PortBinding;
import io.meshcanary.registry.TaskChange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.Task;

/** A described task read as the resync reads it: what its RUNNING event would have told the registry. */
class EcsTaskReaderTest {

    private static final String TASK_ARN =
            "arn:aws:ecs:us-east-1:123456789012:task/shop/8d1f2c9a0b7e4f13a6c5d4e3b2a19080";
    private static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/shop";
    private static final String REVISION = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7";

    @Test
    void awsvpcTaskServesOnItsEniAddress() {
        Task task = task().attachments(Attachment.builder().type("ElasticNetworkInterface").details(
                        KeyValuePair.builder().name("subnetId").value("subnet-0a1b2c3d").build(),
                        KeyValuePair.builder().name("privateIPv4Address").value("10.0.1.17").build()).build())
                .build();

        TaskChange change = EcsTaskReader.asChange(task);

        assertThat(change).isEqualTo(new TaskChange(TASK_ARN, CLUSTER_ARN, "service:orders", REVISION,
                Optional.of("10.0.1.17"), List.of(), Optional.empty(), Optional.empty()));
    }

    @Test
    void bridgeTaskServesOnItsHostPortBindingsOfItsContainerInstance() {
        String instance = "arn:aws:ecs:us-east-1:123456789012:container-instance/shop/2f8e4c1a7b9d4e60a3c5b7d9e1f30425";
        Task task = task().containerInstanceArn(instance).containers(Container.builder().name("orders")
                .networkBindings(NetworkBinding.builder().bindIP("0.0.0.0").containerPort(8080).hostPort(32768)
                        .build()).build()).build();

        TaskChange change = EcsTaskReader.asChange(task);

        assertThat(change.eniAddress()).isEmpty();
        assertThat(change.bindings()).containsExactly(new PortBinding("0.0.0.0", 8080, 32768));
        assertThat(change.containerInstanceArn()).contains(instance);
        assertThat(change.failure()).isEmpty();
    }

    private static Task.Builder task() {
        return Task.builder().taskArn(TASK_ARN).clusterArn(CLUSTER_ARN).group("service:orders")
                .taskDefinitionArn(REVISION).lastStatus("RUNNING").desiredStatus("RUNNING");
    }
}
