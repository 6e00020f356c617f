package io.meshcanary.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
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
 * Builds each SDK client once per execution environment, the first time a use case asks for it. The url-connection
 * HTTP client keeps cold starts short; the endpoint comes from the SDK's own {@code AWS_ENDPOINT_URL} support, so tests
 * need no code path of their own.
 */
public final class AwsClients {

    private final Region region;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final Lazy<AppMeshClient> appMesh = new Lazy<>(() -> configure(AppMeshClient.builder()));
    private final Lazy<ElasticLoadBalancingV2Client> elasticLoadBalancing =
            new Lazy<>(() -> configure(ElasticLoadBalancingV2Client.builder()));
    // Lattice changes a rule with PATCH (UpdateRule), which HttpURLConnection refuses to send ("Invalid HTTP method:
    // PATCH", aws-sdk-java-v2#3046). Only the Lattice client gets the Apache client, so no other path loads it.
    private final Lazy<VpcLatticeClient> vpcLattice = new Lazy<>(() -> configure(VpcLatticeClient.builder(),
            ApacheHttpClient.create()));
    private final Lazy<ServiceDiscoveryClient> cloudMap =
            new Lazy<>(() -> configure(ServiceDiscoveryClient.builder()));
    private final Lazy<EcsClient> ecs = new Lazy<>(() -> configure(EcsClient.builder()));
    private final Lazy<ApplicationAutoScalingClient> autoScaling =
            new Lazy<>(() -> configure(ApplicationAutoScalingClient.builder()));
    private final Lazy<Ec2Client> ec2 = new Lazy<>(() -> configure(Ec2Client.builder()));
    private final Lazy<SsmClient> ssm = new Lazy<>(() -> configure(SsmClient.builder()));
    private final Lazy<DynamoDbClient> dynamo = new Lazy<>(() -> configure(DynamoDbClient.builder()));
    private final Lazy<SfnClient> stepFunctions = new Lazy<>(() -> configure(SfnClient.builder()));
    private final Lazy<CloudWatchClient> cloudWatch = new Lazy<>(() -> configure(CloudWatchClient.builder()));
    private final Lazy<LambdaClient> lambda = new Lazy<>(() -> configure(LambdaClient.builder()));
    private final Lazy<EventBridgeClient> eventBridge = new Lazy<>(() -> configure(EventBridgeClient.builder()));

    public AwsClients(Config config) {
        this.region = Region.of(config.region());
    }

    public ApplicationAutoScalingClient autoScaling() {
        return autoScaling.get();
    }

    public AppMeshClient appMesh() {
        return appMesh.get();
    }

    public ElasticLoadBalancingV2Client elasticLoadBalancing() {
        return elasticLoadBalancing.get();
    }

    public VpcLatticeClient vpcLattice() {
        return vpcLattice.get();
    }

    public ServiceDiscoveryClient cloudMap() {
        return cloudMap.get();
    }

    public EcsClient ecs() {
        return ecs.get();
    }

    public Ec2Client ec2() {
        return ec2.get();
    }

    public SsmClient ssm() {
        return ssm.get();
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    public SfnClient stepFunctions() {
        return stepFunctions.get();
    }

    public CloudWatchClient cloudWatch() {
        return cloudWatch.get();
    }

    public LambdaClient lambda() {
        return lambda.get();
    }

    public EventBridgeClient eventBridge() {
        return eventBridge.get();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return configure(builder, http);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder,
            SdkHttpClient client) {
        return builder.region(region).httpClient(client).build();
    }
}
