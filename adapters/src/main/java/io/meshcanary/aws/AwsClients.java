package io.meshcanary.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context.ModifyHttpRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * Builds each SDK client once per execution environment, the first time a use case asks for it. The url-connection
 * HTTP client keeps cold starts short; the endpoint comes from the SDK's own {@code AWS_ENDPOINT_URL} support, so tests
 * need no code path of their own.
 * <p>
 * {@link #prime()} is SnapStart priming: each client built so far makes one call of the kind its adapters make, the
 * whole way (endpoint rules, credentials, marshalling, signing, the HTTP client, response unmarshalling), except that
 * its HTTP client sends it to {@link PrimingAnswers} in this JVM instead of to AWS. The SDK's own warm-up
 * ({@code SdkWarmUp}) builds clients of its own, sends a real request to STS for each HTTP client, and has no
 * provider in the older modules pinned here (App Mesh, Lattice, Cloud Map, Application Auto Scaling, CloudWatch).
 */
public final class AwsClients {

    /** Marks a priming call; {@link #MARK_PRIMING} carries it onto the HTTP request for {@link PrimingHttpClient}. */
    private static final ExecutionAttribute<Boolean> PRIMING = new ExecutionAttribute<>("meshcanary.priming");
    private static final AwsRequestOverrideConfiguration PRIMED = AwsRequestOverrideConfiguration.builder()
            .putExecutionAttribute(PRIMING, true).build();
    private static final ExecutionInterceptor MARK_PRIMING = new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(ModifyHttpRequest context, ExecutionAttributes attributes) {
            if (Boolean.TRUE.equals(attributes.getAttribute(PRIMING))) {
                return context.httpRequest().toBuilder().putHeader(PrimingHttpClient.PRIMING_HEADER, "true").build();
            }
            return context.httpRequest();
        }
    };
    /** A placeholder for the names a priming request needs (path labels must not be empty); it never leaves. */
    private static final String NAME = "meshcanary-priming";

    private final Region region;
    private final PrimingHttpClient http = new PrimingHttpClient(UrlConnectionHttpClient.builder().build());
    /** The HTTP clients that priming points at its answers: {@link #http}, and Lattice's once it is built. */
    private final List<PrimingHttpClient> httpClients = new CopyOnWriteArrayList<>(List.of(http));
    /**
     * The clients built so far, by service. Each accessor passes its builder only when called: a lambda made up front
     * (say, in a field's initializer) would load its client's class at once, since the lambda's method returns it,
     * and a function's package holds only the services it calls.
     */
    private final Map<Class<?>, Object> built = new ConcurrentHashMap<>();
    /** Each built client's priming request, by service. */
    private final Map<Class<?>, Runnable> primers = new ConcurrentHashMap<>();

    public AwsClients(Config config) {
        this.region = Region.of(config.region());
    }

    public ApplicationAutoScalingClient autoScaling() {
        return client(ApplicationAutoScalingClient.class, () -> configure(ApplicationAutoScalingClient.builder()),
                scaling -> scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)
                        .overrideConfiguration(PRIMED)));
    }

    public AppMeshClient appMesh() {
        return client(AppMeshClient.class, () -> configure(AppMeshClient.builder()),
                mesh -> mesh.updateRoute(r -> r.meshName(NAME).virtualRouterName(NAME).routeName(NAME)
                        .overrideConfiguration(PRIMED)));
    }

    public ElasticLoadBalancingV2Client elasticLoadBalancing() {
        return client(ElasticLoadBalancingV2Client.class, () -> configure(ElasticLoadBalancingV2Client.builder()),
                elb -> elb.modifyRule(r -> r.ruleArn(NAME).overrideConfiguration(PRIMED)));
    }

    /**
     * Lattice changes a rule with PATCH (UpdateRule), which HttpURLConnection refuses to send ("Invalid HTTP method:
     * PATCH", aws-sdk-java-v2#3046). Only the Lattice client gets the JDK's HTTP client, so no other path loads it.
     */
    public VpcLatticeClient vpcLattice() {
        return client(VpcLatticeClient.class, () -> configure(VpcLatticeClient.builder(), patching()),
                lattice -> lattice.updateRule(r -> r.serviceIdentifier(NAME).listenerIdentifier(NAME)
                        .ruleIdentifier(NAME).overrideConfiguration(PRIMED)));
    }

    public ServiceDiscoveryClient cloudMap() {
        return client(ServiceDiscoveryClient.class, () -> configure(ServiceDiscoveryClient.builder()),
                cloudMap -> cloudMap.registerInstance(r -> r.serviceId(NAME).instanceId(NAME)
                        .overrideConfiguration(PRIMED)));
    }

    public EcsClient ecs() {
        return client(EcsClient.class, () -> configure(EcsClient.builder()),
                ecs -> ecs.describeTasks(r -> r.cluster(NAME).tasks(NAME).overrideConfiguration(PRIMED)));
    }

    /** EC2 without its SDK module: the one call the functions make, on this class's HTTP client. */
    public Ec2Instances ec2Instances() {
        return client(Ec2Instances.class, () -> new Ec2Instances(http, DefaultCredentialsProvider.builder().build(),
                region, Ec2Instances.endpoint(region)), Ec2Instances::prime);
    }

    public SsmClient ssm() {
        return client(SsmClient.class, () -> configure(SsmClient.builder()),
                ssm -> ssm.getParameter(r -> r.name(NAME).overrideConfiguration(PRIMED)));
    }

    public DynamoDbClient dynamo() {
        return client(DynamoDbClient.class, () -> configure(DynamoDbClient.builder()),
                dynamo -> dynamo.getItem(r -> r.tableName(NAME).overrideConfiguration(PRIMED)));
    }

    public SfnClient stepFunctions() {
        return client(SfnClient.class, () -> configure(SfnClient.builder()),
                sfn -> sfn.startExecution(r -> r.stateMachineArn(NAME).name(NAME).input("{}")
                        .overrideConfiguration(PRIMED)));
    }

    public CloudWatchClient cloudWatch() {
        return client(CloudWatchClient.class, () -> configure(CloudWatchClient.builder()),
                cloudWatch -> cloudWatch.describeAlarms(r -> r.alarmNames(NAME).overrideConfiguration(PRIMED)));
    }

    public LambdaClient lambda() {
        return client(LambdaClient.class, () -> configure(LambdaClient.builder()),
                lambda -> lambda.invoke(r -> r.functionName(NAME).payload(SdkBytes.fromUtf8String("{}"))
                        .overrideConfiguration(PRIMED)));
    }

    public EventBridgeClient eventBridge() {
        return client(EventBridgeClient.class, () -> configure(EventBridgeClient.builder()),
                events -> events.putEvents(r -> r.entries(e -> e.source(NAME).detailType(NAME).detail("{}"))
                        .overrideConfiguration(PRIMED)));
    }

    /** The services whose client has been built so far. */
    Set<Class<?>> built() {
        return Set.copyOf(built.keySet());
    }

    /**
     * Makes one priming call on each client built so far, answered in this JVM.
     *
     * @return the operations answered, one per client
     */
    public List<String> prime() {
        try (PrimingAnswers answers = new PrimingAnswers()) {
            httpClients.forEach(client -> client.answerPrimingFrom(answers));
            try {
                primers.values().forEach(Runnable::run);
            } finally {
                httpClients.forEach(client -> client.answerPrimingFrom(null));
            }
            return answers.answered();
        }
    }

    private <C> C client(Class<C> service, Supplier<C> build, Consumer<C> priming) {
        return service.cast(built.computeIfAbsent(service, key -> {
            C client = build.get();
            primers.put(service, () -> priming.accept(client));
            return client;
        }));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return configure(builder, http);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder,
            SdkHttpClient client) {
        return builder.region(region).httpClient(client)
                .overrideConfiguration(o -> o.addExecutionInterceptor(MARK_PRIMING)).build();
    }

    private SdkHttpClient patching() {
        PrimingHttpClient client = new PrimingHttpClient(new JdkHttpClient());
        httpClients.add(client);
        return client;
    }
}
