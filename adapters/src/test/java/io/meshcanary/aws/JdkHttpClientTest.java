package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Lattice's rule update is a PATCH with a signed JSON body: it arrives as the SDK built it, and the answer returns. */
class JdkHttpClientTest {

    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final JdkHttpClient client = new JdkHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(Map.of("method", exchange.getRequestMethod(),
                    "path", exchange.getRequestURI().getPath(),
                    "headers", Map.copyOf(exchange.getRequestHeaders()),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{\"id\":\"rule-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-amzn-RequestId", "request-1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        client.close();
    }

    @Test
    void aPatchArrivesWithItsBodyAndSignedHeadersAndItsAnswerComesBack() throws IOException {
        byte[] body = "{\"match\":{}}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PATCH)
                .uri(URI.create("http://127.0.0.1:%d/services/svc-1/listeners/l-1/rules/r-1"
                        .formatted(server.getAddress().getPort())))
                .putHeader("Host", "127.0.0.1:" + server.getAddress().getPort())
                .putHeader("Content-Length", String.valueOf(body.length))
                .putHeader("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20261207/us-east-1/vpc-lattice")
                .putHeader("X-Amz-Date", "20261207T160000Z")
                .build();

        HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder().request(request)
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build()).call();

        assertThat(response.httpResponse().statusCode()).isEqualTo(200);
        assertThat(response.httpResponse().firstMatchingHeader("x-amzn-RequestId")).contains("request-1");
        assertThat(new String(response.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"rule-1\"}");
        assertThat(received).hasSize(1);
        Map<String, Object> patch = received.getFirst();
        assertThat(patch).containsEntry("method", "PATCH")
                .containsEntry("path", "/services/svc-1/listeners/l-1/rules/r-1")
                .containsEntry("body", "{\"match\":{}}");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) patch.get("headers");
        assertThat(headers).containsEntry("Content-length", List.of(String.valueOf(body.length)))
                .containsEntry("Host", List.of("127.0.0.1:" + server.getAddress().getPort()))
                .containsEntry("Authorization",
                        List.of("AWS4-HMAC-SHA256 Credential=testing/20261207/us-east-1/vpc-lattice"))
                .containsEntry("X-amz-date", List.of("20261207T160000Z"))
                .doesNotContainKey("Transfer-encoding").doesNotContainKey("Upgrade");
    }

    @Test
    void aRefusedConnectionIsAnIoExceptionTheSdkCanRetry() {
        int closed = server.getAddress().getPort();
        server.stop(0);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:%d/services/svc-1".formatted(closed))).build();

        assertThatThrownBy(() -> client.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call())
                .isInstanceOf(IOException.class);
        assertThat(received).isEmpty();
    }
}
