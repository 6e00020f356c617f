package io.meshcanary.it;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * SDK clients for the AWS endpoint under test. The endpoint comes only from {@code AWS_ENDPOINT_URL}, which the
 * SDK reads itself, so the same tests run against the local runtime, LocalStack or a sandbox account.
 */
final class Emulator {

    static final Emulator AWS = new Emulator();

    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final Region region;

    final EcsClient ecs;
    final Ec2Client ec2;
    final ServiceDiscoveryClient cloudMap;
    final AppMeshClient appMesh;
    final SsmClient ssm;
    final EventBridgeClient events;
    final SqsClient sqs;
    final DynamoDbClient dynamo;
    final SfnClient sfn;
    final CloudWatchClient cloudWatch;
    final ElasticLoadBalancingV2Client elb;
    final VpcLatticeClient lattice;
    final LambdaClient lambda;
    final ApplicationAutoScalingClient autoScaling;

    private Emulator() {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalStateException(
                    "AWS_ENDPOINT_URL is not set: run the tests with scripts/test, which starts the local runtime");
        }
        region = Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        ecs = configure(EcsClient.builder());
        ec2 = configure(Ec2Client.builder());
        // DiscoverInstances is served from a "data-" host prefix in AWS; an emulator has no such host.
        cloudMap = configure(ServiceDiscoveryClient.builder()
                .overrideConfiguration(config -> config.putAdvancedOption(
                        SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true)));
        // moto's App Mesh timestamps are fixed by the local module's global interceptor, on this classpath.
        appMesh = configure(AppMeshClient.builder());
        ssm = configure(SsmClient.builder());
        events = configure(EventBridgeClient.builder());
        sqs = configure(SqsClient.builder());
        dynamo = configure(DynamoDbClient.builder());
        sfn = configure(SfnClient.builder());
        cloudWatch = configure(CloudWatchClient.builder());
        elb = configure(ElasticLoadBalancingV2Client.builder());
        // UpdateRule is a PATCH, which the url-connection client cannot send; the functions use Apache for it too.
        lattice = VpcLatticeClient.builder().region(region).httpClient(ApacheHttpClient.create()).build();
        lambda = configure(LambdaClient.builder());
        autoScaling = configure(ApplicationAutoScalingClient.builder());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return builder.region(region).httpClient(http).build();
    }
}
