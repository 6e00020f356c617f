package io.meshcanary.local.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appmesh.AppMeshClient;
import software.amazon.awssdk.services.appmesh.model.VirtualNodeData;

/** Against a stub that answers as moto does, so that the rewrite itself is checked without the emulator. */
class AppMeshTimestampInterceptorTest {
    private static final String MOTO_VIRTUAL_NODE = """
            {"meshName": "m", "virtualNodeName": "n", "status": {"status": "ACTIVE"}, "spec": {},
             "metadata": {"arn": "arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualNode/n",
                          "createdAt": "25/11/2026, 17:42:08", "lastUpdatedAt": "26/11/2026, 09:05:00",
                          "meshOwner": "123456789012", "resourceOwner": "123456789012", "uid": "u", "version": 1}}""";

    private HttpServer stub;

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            byte[] body = MOTO_VIRTUAL_NODE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    @Test
    void motoTimestampsBecomeInstants() {
        try (AppMeshClient appMesh = AppMeshClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.addExecutionInterceptor(
                        new AppMeshTimestampInterceptor(ZoneOffset.UTC)))
                .build()) {

            VirtualNodeData node = appMesh.describeVirtualNode(request -> request.meshName("m").virtualNodeName("n"))
                    .virtualNode();

            assertThat(node.metadata().createdAt()).isEqualTo(Instant.parse("2026-11-25T17:42:08Z"));
            assertThat(node.metadata().lastUpdatedAt()).isEqualTo(Instant.parse("2026-11-26T09:05:00Z"));
        }
    }
}
