package io.meshcanary.functions.deploymenttrigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.aws.AwsClients;
import io.meshcanary.aws.Config;
import org.junit.jupiter.api.Test;

/**
 * The function's package holds only the SDK services it calls (SSM, Step Functions); this module's classpath is that
 * package, so the clients it builds must build without the other services' classes.
 */
class OwnPackageTest {

    private static final Config CONFIG = new Config("us-east-1", "/meshcanary", "rollouts",
            "arn:aws:states:us-east-1:123456789012:stateMachine:meshcanary-canary", "rollouts");

    @Test
    void buildsItsClientsWithoutTheServicesItDoesNotCall() {
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.services.ecs.EcsClient"))
                .isInstanceOf(ClassNotFoundException.class);

        AwsClients clients = new AwsClients(CONFIG);

        assertThat(clients.ssm().serviceName()).isEqualTo("ssm");
        assertThat(clients.stepFunctions().serviceName()).isEqualTo("states");
    }
}
