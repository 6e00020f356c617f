package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** What a handler's init builds, and what SnapStart priming adds to it; no AWS call is made. */
class AdaptersWiringTest {

    /** Priming signs its calls with credentials, as a real call would; they are answered in the JVM. */
    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** A stack's configuration, as the template gives it to every function. */
    static final Config CONFIG = Config.from(Map.of("AWS_REGION", "us-east-1", "SPEC_PARAMETER_PREFIX", "/specs",
            "ROLLOUT_TABLE", "rollouts", "EVENT_BUS_NAME", "bus",
            "STATE_MACHINE_ARN", "arn:aws:states:us-east-1:123456789012:stateMachine:canary"));

    private final Adapters adapters = new Adapters(CONFIG);

    @Test
    void nodeRegistryInitBuildsOnlyTheClientsEveryTaskEventNeeds() {
        adapters.nodeRegistry();

        assertThat(adapters.builtClients()).containsExactlyInAnyOrder(SsmClient.class, EcsClient.class,
                ServiceDiscoveryClient.class, AppMeshClient.class);
    }

    @Test
    void primingBuildsTheCrashPathTheNodeRegistryDeferred() {
        adapters.nodeRegistry();

        adapters.prime();

        assertThat(adapters.builtClients()).contains(DynamoDbClient.class, SfnClient.class,
                EventBridgeClient.class);
    }
}
