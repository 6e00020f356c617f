package io.meshcanary.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.meshcanary.local.support.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the proxy logs when a caller hangs up mid-request: its caller's doing, a warning, not a fault of its own. */
class LambdaProxyTest {

    @Test
    void aCallerThatHangsUpMidRequestIsAWarningNotAnError() throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
        // The request never reaches the backend: its body never arrives whole.
        Forwarder forwarder = new Forwarder(URI.create("http://localhost:9"), Forwarder.Answered.NOBODY);
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", new LambdaProxy(null, forwarder, Optional.empty(), log));
        server.start();
        try (Socket caller = new Socket("localhost", server.getAddress().getPort())) {
            OutputStream out = caller.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n0123456789")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } finally {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!logged.toString(StandardCharsets.UTF_8).contains("local.proxy") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            server.stop(0);
        }

        String line = logged.toString(StandardCharsets.UTF_8);
        assertThat(line).contains("\"level\":\"WARN\",\"type\":\"local.proxyClientGone\"")
                .doesNotContain("\"level\":\"ERROR\"").doesNotContain("stackTrace");
    }
}
