package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.local.demo.AlbRule;
import io.meshcanary.local.demo.Router;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;

/**
 * A team's service is reached through more than the rule meshcanary weighs: other callers find it in Cloud Map (its
 * service registries). Once the bootstrap has scaled the team's service to zero, the twin's tasks must be there.
 */
class TwinPathsEmulatorTest {

    @Test
    void callersThroughCloudMapFindTheTwinsTasksOnceTheTeamsServiceSitsAtZero() {
        CanaryApp app = new CanaryApp(Router.ALB);
        AlbRule rule = (AlbRule) app.router;
        String namespaceId = AWS.cloudMap.listNamespacesPaginator(request -> { }).stream()
                .flatMap(page -> page.namespaces().stream())
                .filter(namespace -> namespace.name().equals(app.shop.namespace)).findFirst().orElseThrow().id();
        String api = AWS.cloudMap.createService(request -> request.name("api-" + app.app).namespaceId(namespaceId))
                .service().arn();
        app.onboard(app.spec());
        String v1 = app.registerRevision("orders:1");
        app.shop.createService(v1, request -> request.loadBalancers(LoadBalancer.builder()
                        .targetGroupArn(rule.targetGroup).containerName("orders").containerPort(8080).build())
                .serviceRegistries(registry -> registry.registryArn(api)));

        app.awaitRollout(v1, "SUCCEEDED");

        assertThat(app.service(app.app).orElseThrow().desiredCount()).as("the team's service").isZero();
        List<String> twinAddresses = Eventually.until(() -> runningAddresses(app, app.app + "-primary"),
                addresses -> !addresses.isEmpty(), "the twin's tasks");
        String serviceId = api.substring(api.lastIndexOf('/') + 1);
        List<InstanceSummary> instances = Eventually.until(() -> AWS.cloudMap.listInstances(request -> request
                        .serviceId(serviceId)).instances(),
                found -> found.size() == twinAddresses.size() && found.stream().allMatch(instance ->
                        instance.attributes().get("ECS_SERVICE_NAME").equals(app.app + "-primary")),
                "Cloud Map instances of the twin's tasks only");
        assertThat(instances).extracting(instance -> instance.attributes().get("AWS_INSTANCE_IPV4"))
                .containsExactlyInAnyOrderElementsOf(twinAddresses);
    }

    /** The addresses of the service's running tasks (the emulator's ListTasks ignores the service name). */
    private static List<String> runningAddresses(CanaryApp app, String service) {
        List<String> arns = AWS.ecs.listTasks(request -> request.cluster(app.cluster)).taskArns();
        return arns.isEmpty() ? List.of() : AWS.ecs.describeTasks(request -> request.cluster(app.cluster).tasks(arns))
                .tasks().stream()
                .filter(task -> ("service:" + service).equals(task.group()) && "RUNNING".equals(task.lastStatus()))
                .map(TwinPathsEmulatorTest::address).toList();
    }

    private static String address(Task task) {
        return task.attachments().stream().flatMap(attachment -> attachment.details().stream())
                .filter(detail -> detail.name().equals("privateIPv4Address")).findFirst().orElseThrow().value();
    }
}
