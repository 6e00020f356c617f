package io.meshcanary.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;

/**
 * Builds every SDK client once per execution environment. The url-connection HTTP client keeps cold starts short;
 * the endpoint comes from the SDK's own {@code AWS_ENDPOINT_URL} support, so tests need no code path of their own.
 */
public final class AwsClients {

    private final Region region;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();

    public AwsClients(Config config) {
        this.region = Region.of(config.region());
    }

    public AppMeshClient appMesh() {
        return configure(AppMeshClient.builder());
    }

    public ElasticLoadBalancingV2Client elasticLoadBalancing() {
        return configure(ElasticLoadBalancingV2Client.builder());
    }

    public VpcLatticeClient vpcLattice() {
        return configure(VpcLatticeClient.builder());
    }

    public ServiceDiscoveryClient cloudMap() {
        return configure(ServiceDiscoveryClient.builder());
    }

    public EcsClient ecs() {
        return configure(EcsClient.builder());
    }

    public Ec2Client ec2() {
        return configure(Ec2Client.builder());
    }

    public SsmClient ssm() {
        return configure(SsmClient.builder());
    }

    public DynamoDbClient dynamo() {
        return configure(DynamoDbClient.builder());
    }

    public SfnClient stepFunctions() {
        return configure(SfnClient.builder());
    }

    public CloudWatchClient cloudWatch() {
        return configure(CloudWatchClient.builder());
    }

    public LambdaClient lambda() {
        return configure(LambdaClient.builder());
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return builder.region(region).httpClient(http).build();
    }
}
