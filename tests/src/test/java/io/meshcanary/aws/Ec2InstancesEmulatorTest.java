package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * A bridge task's host address as the functions read it, against the emulator's EC2: the request built without the
 * EC2 SDK module must be one EC2 understands, signed and answered as the SDK's own client's would be.
 */
class Ec2InstancesEmulatorTest {

    private static final String REGION = System.getenv().getOrDefault("AWS_REGION", "us-east-1");

    /** The functions' own wiring: endpoint and credentials resolved as every other client's. */
    private final Ec2Instances functions = new AwsClients(new Config(REGION, "/unused", "unused", "unused", "unused"))
            .ec2Instances();
    /** The team's side: the container instance a bridge task runs on. */
    private final Ec2Client ec2 = Ec2Client.builder().region(Region.of(REGION)).build();

    @Test
    void readsTheContainerInstancesPrivateAddress() {
        String image = ec2.describeImages(r -> r.owners("amazon")).images().getFirst().imageId();
        Instance host = ec2.runInstances(r -> r.imageId(image).instanceType("t3.small").minCount(1).maxCount(1))
                .instances().getFirst();

        assertThat(functions.privateAddress(host.instanceId())).isEqualTo(host.privateIpAddress()).isNotBlank();
    }

    @Test
    void unknownInstanceFailsWithEc2sOwnErrorCode() {
        Ec2QueryException error = catchThrowableOfType(Ec2QueryException.class,
                () -> functions.privateAddress("i-0123456789abcdef0"));

        assertThat(error.errorCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(error.statusCode()).isEqualTo(400);
    }
}
