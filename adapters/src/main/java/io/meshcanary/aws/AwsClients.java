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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds each SDK client once per execution environment, the first time a use case asks for it. The url-connection
 * HTTP client keeps cold starts short; the endpoint comes from the SDK's own {@code AWS_ENDPOINT_URL} support, so tests
 * need no code path of their own.
 */
public final class AwsClients {

    private final Region region;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    /**
     * The clients built so far, by service. Each accessor passes its builder only when called: a lambda made up front
     * (say, in a field's initializer) would load its client's class at once, since the lambda's method returns it,
     * and a function's package holds only the services it calls.
     */
    private final Map<Class<?>, Object> built = new ConcurrentHashMap<>();

    public AwsClients(Config config) {
        this.region = Region.of(config.region());
    }

    public ApplicationAutoScalingClient autoScaling() {
        return client(ApplicationAutoScalingClient.class, () -> configure(ApplicationAutoScalingClient.builder()));
    }

    public AppMeshClient appMesh() {
        return client(AppMeshClient.class, () -> configure(AppMeshClient.builder()));
    }

    public ElasticLoadBalancingV2Client elasticLoadBalancing() {
        return client(ElasticLoadBalancingV2Client.class, () -> configure(ElasticLoadBalancingV2Client.builder()));
    }

    /**
     * Lattice changes a rule with PATCH (UpdateRule), which HttpURLConnection refuses to send ("Invalid HTTP method:
     * PATCH", aws-sdk-java-v2#3046). Only the Lattice client gets the Apache client, so no other path loads it.
     */
    public VpcLatticeClient vpcLattice() {
        return client(VpcLatticeClient.class, () -> configure(VpcLatticeClient.builder(), ApacheHttpClient.create()));
    }

    public ServiceDiscoveryClient cloudMap() {
        return client(ServiceDiscoveryClient.class, () -> configure(ServiceDiscoveryClient.builder()));
    }

    public EcsClient ecs() {
        return client(EcsClient.class, () -> configure(EcsClient.builder()));
    }

    public Ec2Client ec2() {
        return client(Ec2Client.class, () -> configure(Ec2Client.builder()));
    }

    public SsmClient ssm() {
        return client(SsmClient.class, () -> configure(SsmClient.builder()));
    }

    public DynamoDbClient dynamo() {
        return client(DynamoDbClient.class, () -> configure(DynamoDbClient.builder()));
    }

    public SfnClient stepFunctions() {
        return client(SfnClient.class, () -> configure(SfnClient.builder()));
    }

    public CloudWatchClient cloudWatch() {
        return client(CloudWatchClient.class, () -> configure(CloudWatchClient.builder()));
    }

    public LambdaClient lambda() {
        return client(LambdaClient.class, () -> configure(LambdaClient.builder()));
    }

    public EventBridgeClient eventBridge() {
        return client(EventBridgeClient.class, () -> configure(EventBridgeClient.builder()));
    }

    private <C> C client(Class<C> service, Supplier<C> build) {
        return service.cast(built.computeIfAbsent(service, key -> build.get()));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return configure(builder, http);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder,
            SdkHttpClient client) {
        return builder.region(region).httpClient(client).build();
    }
}
