package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.meshcanary.port.GateTimeoutException;
import io.meshcanary.rollout.GateDecision;
import io.meshcanary.spec.Gate;
import io.meshcanary.spec.GateType;
import io.meshcanary.spec.SecretHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Asking gates for real over HTTP. A webhook gate's reasons reach the record, the bus and the execution's output: its
 * URL's token must not. A gate that takes longer than its timeoutSeconds is given up on at that timeout.
 */
class GateClientTest {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:change-freeze";
    /** Far longer than the gates' timeout of 1 s: the slow gate answers no sooner, or once its test is over. */
    private static final Duration SLOW = Duration.ofSeconds(4);

    private static final String SECRET = "/meshcanary/secrets/gate-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> ssmAsked = new CopyOnWriteArrayList<>();
    private final List<String> authorizationSent = new CopyOnWriteArrayList<>();
    private final CountDownLatch testOver = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stopServer() {
        // The server's stop waits for the slow gate's handler, which need not wait any longer.
        testOver.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void unreachableWebhookIsClosedAndItsReasonCarriesNoToken() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://bot:s3cret@127.0.0.1:%d/release?token=s3cret".formatted(closedPort);

        GateDecision decision = new GateClient(null, null).ask(Gate.webhook(url), "{}");

        assertThat(decision.open()).isFalse();
        assertThat(decision.reason()).startsWith("webhook http://REDACTED@127.0.0.1:%d/release?REDACTED unreachable"
                .formatted(closedPort)).doesNotContain("s3cret");
    }

    @Test
    void webhookThatDoesNotAnswerWithinItsTimeoutIsGivenUpOnThen() throws IOException {
        String url = "http://127.0.0.1:%d/release?token=s3cret".formatted(slowServer());

        Instant asked = Instant.now();
        GateTimeoutException late = catchThrowableOfType(GateTimeoutException.class,
                () -> new GateClient(null, null).ask(new Gate(GateType.WEBHOOK, url, 1), "{}"));

        assertThat(Duration.between(asked, Instant.now())).isLessThan(SLOW);
        assertThat(late).hasMessageStartingWith("webhook http://127.0.0.1:%d/release?REDACTED gave no answer in 1 s"
                .formatted(server.getAddress().getPort())).hasMessageNotContaining("s3cret");
    }

    @Test
    void gateFunctionThatDoesNotAnswerWithinItsTimeoutIsGivenUpOnThen() throws IOException {
        LambdaClient lambda = LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + slowServer()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();

        Instant asked = Instant.now();
        GateTimeoutException late = catchThrowableOfType(GateTimeoutException.class,
                () -> new GateClient(lambda, null).ask(new Gate(GateType.LAMBDA, FUNCTION, 1), "{}"));

        assertThat(Duration.between(asked, Instant.now())).isLessThan(SLOW);
        assertThat(late).hasMessageStartingWith("gate function %s gave no answer in 1 s".formatted(FUNCTION));
    }

    @Test
    void webhookHeaderCarriesTheSecretReadFromSsmAtCallTime() throws IOException {
        int port = webhookBehindSsm(200, """
                {"Parameter": {"Name": "%s", "Type": "SecureString", "Value": "Bearer t0ken", "Version": 1}}"""
                .formatted(SECRET));

        GateDecision decision = new GateClient(null, ssm(port)).ask(secretHeaderGate(port), "{}");

        assertThat(decision.open()).as(decision.reason()).isTrue();
        assertThat(decision.reason()).doesNotContain("t0ken");
        assertThat(authorizationSent).containsExactly("Bearer t0ken");
        assertThat(ssmAsked).hasSize(1);
        assertThat(JSON.readTree(ssmAsked.getFirst())).isEqualTo(JSON.readTree("""
                {"Name": "%s", "WithDecryption": true}""".formatted(SECRET)));
    }

    @Test
    void webhookWhoseHeaderSecretCannotBeReadIsClosedNamingTheParameter() throws IOException {
        int port = webhookBehindSsm(400, """
                {"__type": "ParameterNotFound", "message": "Parameter not found"}""");

        GateDecision decision = new GateClient(null, ssm(port)).ask(secretHeaderGate(port), "{}");

        assertThat(decision.open()).isFalse();
        assertThat(decision.reason()).isEqualTo("webhook http://127.0.0.1:%d/gate?REDACTED not asked: its header "
                .formatted(port) + "Authorization takes SSM parameter %s, which could not be read: ParameterNotFound"
                .formatted(SECRET));
        assertThat(authorizationSent).as("the webhook is not asked without its secret").isEmpty();
    }

    private static Gate secretHeaderGate(int port) {
        return new Gate(GateType.WEBHOOK, "http://127.0.0.1:%d/gate?team=orders".formatted(port),
                Gate.DEFAULT_TIMEOUT_SECONDS, List.of(new SecretHeader("Authorization", SECRET)));
    }

    /**
     * One server for both: SSM's JSON API on {@code /} answers every GetParameter with {@code ssmAnswer}, and a
     * webhook on {@code /gate} opens only for the right Authorization header.
     */
    private int webhookBehindSsm(int ssmStatus, String ssmAnswer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            ssmAsked.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, ssmStatus, ssmAnswer);
        });
        server.createContext("/gate", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizationSent.add(authorization);
            }
            respond(exchange, "Bearer t0ken".equals(authorization) ? 200 : 401, "{\"open\": true}");
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static SsmClient ssm(int port) {
        return SsmClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * A gate, webhook or Lambda API alike, that answers {@code {"open": true}} only after {@link #SLOW}, or when the
     * test is over.
     */
    private int slowServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                testOver.await(SLOW.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"open\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }
}
