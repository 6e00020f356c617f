package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.regions.Region;

/** EC2's DescribeInstances on the Query API: the request it signs and sends, and what it reads of the answer. */
class Ec2InstancesTest {

    private static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    /** Trimmed from the API reference's example: the instance, and one network interface with its own address. */
    private static final String DESCRIBED = """
            <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
              <reservationSet><item><reservationId>r-1234567890abcdef0</reservationId><instancesSet><item>
                <instanceId>i-0a1b2c3d4e5f60718</instanceId>
                <instanceState><code>16</code><name>running</name></instanceState>
                <networkInterfaceSet><item><privateIpAddress>10.0.9.99</privateIpAddress></item></networkInterfaceSet>
                <privateIpAddress>10.0.3.14</privateIpAddress>
              </item></instancesSet></item></reservationSet>
            </DescribeInstancesResponse>""";

    private final ScriptedHttp http = new ScriptedHttp();
    private final Ec2Instances ec2 = new Ec2Instances(http,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
            Region.US_EAST_1, URI.create("https://ec2.us-east-1.amazonaws.com"));

    @Test
    void asksForTheOneInstanceSignedForEc2InTheRegion() throws IOException {
        http.answer(200, DESCRIBED);

        ec2.privateAddress(INSTANCE);

        HttpExecuteRequest sent = http.sent.getFirst();
        assertThat(sent.httpRequest().method().name()).isEqualTo("POST");
        assertThat(sent.httpRequest().getUri()).isEqualTo(URI.create("https://ec2.us-east-1.amazonaws.com/"));
        assertThat(sent.httpRequest().firstMatchingHeader("Content-Type"))
                .hasValue("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(sent.httpRequest().firstMatchingHeader("Authorization")).hasValueSatisfying(authorization ->
                assertThat(authorization).matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/ec2/"
                        + "aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}"));
        assertThat(sent.httpRequest().firstMatchingHeader("X-Amz-Date")).isPresent();
        assertThat(new String(sent.contentStreamProvider().orElseThrow().newStream().readAllBytes(),
                StandardCharsets.UTF_8))
                .isEqualTo("Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0a1b2c3d4e5f60718");
    }

    @Test
    void readsTheInstancesOwnAddressNotItsInterfaces() {
        http.answer(200, DESCRIBED);

        assertThat(ec2.privateAddress(INSTANCE)).isEqualTo("10.0.3.14");
    }

    @Test
    void unknownInstanceFailsWithEc2sErrorCode() {
        http.answer(400, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>
                <Message>The instance ID 'i-0a1b2c3d4e5f60718' does not exist</Message></Error></Errors>
                <RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>""");

        assertThatThrownBy(() -> ec2.privateAddress(INSTANCE))
                .isInstanceOfSatisfying(Ec2QueryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidInstanceID.NotFound");
                    assertThat(e.statusCode()).isEqualTo(400);
                })
                .hasMessage("EC2 answered 400 InvalidInstanceID.NotFound: The instance ID 'i-0a1b2c3d4e5f60718' does"
                        + " not exist");
    }

    @Test
    void errorWithoutXmlKeepsItsStatus() {
        http.answer(503, "Service Unavailable");

        assertThatThrownBy(() -> ec2.privateAddress(INSTANCE))
                .isInstanceOf(Ec2QueryException.class)
                .hasMessage("EC2 answered 503 (no error code): (no message)");
    }

    @Test
    void terminatedInstanceWithoutAPrivateAddressIsNamed() {
        http.answer(200, """
                <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><reservationSet><item>
                <instancesSet><item><instanceId>i-0a1b2c3d4e5f60718</instanceId>
                <instanceState><code>48</code><name>terminated</name></instanceState><privateIpAddress/>
                </item></instancesSet></item></reservationSet></DescribeInstancesResponse>""");

        assertThatThrownBy(() -> ec2.privateAddress(INSTANCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("EC2 instance i-0a1b2c3d4e5f60718 has no private IPv4 address (stopped or terminated)");
    }

    @Test
    void answerWithoutTheInstanceIsNamed() {
        http.answer(200, """
                <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                <reservationSet/></DescribeInstancesResponse>""");

        assertThatThrownBy(() -> ec2.privateAddress(INSTANCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("EC2 did not describe instance i-0a1b2c3d4e5f60718");
    }

    @Test
    void answerWithADoctypeIsRefused() {
        http.answer(200, """
                <!DOCTYPE r [<!ENTITY x "10.0.0.66">]>
                <DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>""");

        assertThatThrownBy(() -> ec2.privateAddress(INSTANCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("EC2 answered with XML that does not parse");
    }

    @Test
    void primingSendsNothing() {
        ec2.prime();

        assertThat(http.sent).isEmpty();
    }

    /** Answers every request with one scripted response, and keeps what was sent. */
    private static final class ScriptedHttp implements SdkHttpClient {
        private final List<HttpExecuteRequest> sent = new ArrayList<>();
        private int status;
        private String body;

        void answer(int answerStatus, String answerBody) {
            status = answerStatus;
            body = answerBody;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            sent.add(request);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpFullResponse.builder().statusCode(status).build())
                            .responseBody(AbortableInputStream.create(
                                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
