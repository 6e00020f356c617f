package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * An account runs more clusters than the stack's. Their ECS events must reach no function of the stack: there the
 * functions could only read specs that IAM does not let them read, and every such event would be retried and
 * dead-lettered. The rules filter on the cluster, so EventBridge never delivers them.
 */
class OtherClusterEmulatorTest {

    @Test
    void taskAndDeploymentEventsOfAnotherClusterInvokeNoFunction() {
        Shop shop = Shop.onboarded();
        Task task = shop.runTask(shop.app);
        String other = "other-" + shop.id;
        shop.storeSpec(other);
        ObjectNode taskEvent = shop.runningEvent(task);
        ((ObjectNode) taskEvent.get("detail"))
                .put("clusterArn", shop.clusterArn.replace(":cluster/" + shop.cluster, ":cluster/" + other))
                .put("taskArn", task.taskArn().replace(":task/" + shop.cluster + "/", ":task/" + other + "/"));
        String serviceArn = shop.clusterArn.replace(":cluster/" + shop.cluster, ":service/" + other + "/" + shop.app);

        List<String> foreign = List.of(Bus.put(taskEvent), Bus.put(shop.deploymentEvent(serviceArn)));
        // The same events of the stack's own cluster, put after them, are the barrier: once they are delivered, the
        // rules have seen the foreign ones too.
        String ownService = shop.clusterArn.replace(":cluster/", ":service/") + "/" + shop.app + "-not-onboarded";
        List<String> own = List.of(Bus.put(shop.runningEvent(task)), Bus.put(shop.deploymentEvent(ownService)));
        Eventually.until(() -> delivered(own), deliveries -> deliveries.size() == own.size(),
                "the stack's own task and deployment events to be delivered");

        assertThat(delivered(foreign)).isEmpty();
    }

    private static List<JsonNode> delivered(List<String> eventIds) {
        return FunctionLog.lines(line -> line.path("type").asText().equals("local.eventDelivered")
                && eventIds.contains(line.path("eventId").asText()));
    }
}
