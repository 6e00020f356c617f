package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * SnapStart priming makes each client's call the whole way, signed, through its HTTP client and back through its
 * response unmarshaller, answered in the JVM; the endpoint is a closed port, so a call that got out would fail.
 */
class AwsClientsPrimingTest {

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:9");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.endpointUrl");
    }

    private final AwsClients clients = new AwsClients(AdaptersWiringTest.CONFIG);

    @Test
    void everyClientsCallIsSignedSentAndUnmarshalledInTheJvm() {
        clients.autoScaling();
        clients.appMesh();
        clients.elasticLoadBalancing();
        clients.vpcLattice();
        clients.cloudMap();
        clients.ecs();
        clients.ssm();
        clients.dynamo();
        clients.stepFunctions();
        clients.cloudWatch();
        clients.lambda();
        clients.eventBridge();

        List<String> answered = clients.prime();

        assertThat(answered).containsExactlyInAnyOrder(
                "AnyScaleFrontendService.DescribeScalingPolicies",
                "PUT /v20190125/meshes/meshcanary-priming/virtualRouter/meshcanary-priming/routes/meshcanary-priming",
                "ModifyRule",
                "PATCH /services/meshcanary-priming/listeners/meshcanary-priming/rules/meshcanary-priming",
                "Route53AutoNaming_v20170314.RegisterInstance",
                "AmazonEC2ContainerServiceV20141113.DescribeTasks",
                "AmazonSSM.GetParameter",
                "DynamoDB_20120810.GetItem",
                "AWSStepFunctions.StartExecution",
                "DescribeAlarms",
                "POST /2015-03-31/functions/meshcanary-priming/invocations",
                "AWSEvents.PutEvents");
    }

    @Test
    void onlyAPrimingRequestIsSentToTheAnswersAndOnlyDuringPriming() {
        List<SdkHttpRequest> sent = new ArrayList<>();
        PrimingHttpClient client = new PrimingHttpClient(recording(sent));
        SdkHttpRequest call = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("https://ssm.us-east-1.amazonaws.com/")).build();
        SdkHttpRequest priming = call.toBuilder().putHeader(PrimingHttpClient.PRIMING_HEADER, "true").build();

        client.prepareRequest(HttpExecuteRequest.builder().request(call).build());
        assertThatThrownBy(() -> client.prepareRequest(HttpExecuteRequest.builder().request(priming).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside priming");
        try (PrimingAnswers answers = new PrimingAnswers()) {
            client.answerPrimingFrom(answers);
            client.prepareRequest(HttpExecuteRequest.builder().request(priming).build());

            assertThat(sent).extracting(SdkHttpRequest::getUri).containsExactly(call.getUri(),
                    URI.create("http://%s:%d/".formatted(answers.host(), answers.port())));
        }
    }

    private static SdkHttpClient recording(List<SdkHttpRequest> sent) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                sent.add(request.httpRequest());
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void anUnsignedRequestIsRefusedAsAwsRefusesIt() throws Exception {
        try (PrimingAnswers answers = new PrimingAnswers()) {
            HttpURLConnection connection = (HttpURLConnection) URI.create(
                    "http://%s:%d/".formatted(answers.host(), answers.port())).toURL().openConnection();

            assertThat(connection.getResponseCode()).isEqualTo(403);
            assertThat(answers.answered()).isEmpty();
        }
    }
}
