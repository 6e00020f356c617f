package io.meshcanary.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.appmesh.model.UpdateRouteRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.servicediscovery.model.RegisterInstanceRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;

/** A denial is raised as the SDK raises the service's answer: its class, error code, status and IAM's message. */
class AccessDenialsTest {
    private static final Roles.Denial DENIAL = new Roles.Denial(
            "arn:aws:sts::123456789012:assumed-role/meshcanary-FnRole/meshcanary-Fn",
            new Authorization("x:Y", "arn:aws:x:us-east-1:123456789012:thing/a"), false);

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("Ssm", GetParameterRequest.builder().build(),
                        "software.amazon.awssdk.services.ssm.model.AccessDeniedException",
                        "AccessDeniedException", 400),
                Arguments.of("DynamoDb", GetItemRequest.builder().build(),
                        "software.amazon.awssdk.services.dynamodb.model.DynamoDbException",
                        "AccessDeniedException", 400),
                Arguments.of("ServiceDiscovery", RegisterInstanceRequest.builder().build(),
                        "software.amazon.awssdk.services.servicediscovery.model.ServiceDiscoveryException",
                        "AccessDeniedException", 400),
                Arguments.of("AppMesh", UpdateRouteRequest.builder().build(),
                        "software.amazon.awssdk.services.appmesh.model.AppMeshException", "AccessDeniedException", 403),
                Arguments.of("Lambda", InvokeRequest.builder().build(),
                        "software.amazon.awssdk.services.lambda.model.LambdaException", "AccessDeniedException", 403),
                Arguments.of("ElasticLoadBalancingV2", ModifyRuleRequest.builder().build(),
                        "software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception",
                        "AccessDenied", 403),
                Arguments.of("CloudWatch", DescribeAlarmsRequest.builder().build(),
                        "software.amazon.awssdk.services.cloudwatch.model.CloudWatchException", "AccessDenied", 403),
                Arguments.of("Ec2", DescribeInstancesRequest.builder().build(),
                        "software.amazon.awssdk.services.ec2.model.Ec2Exception", "UnauthorizedOperation", 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void aDenialIsTheServicesOwnError(String service, SdkRequest request, String type, String code, int status) {
        AwsServiceException denied = AccessDenials.of(service, request, DENIAL);

        assertThat(denied.getClass().getName()).isEqualTo(type);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(denied.statusCode()).isEqualTo(status);
        assertThat(denied.awsErrorDetails().errorMessage()).contains("User: arn:aws:sts::123456789012:assumed-role/"
                + "meshcanary-FnRole/meshcanary-Fn is not authorized to perform: x:Y on resource: "
                + "arn:aws:x:us-east-1:123456789012:thing/a because no identity-based policy allows the x:Y action");
    }
}
