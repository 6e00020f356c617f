package io.meshcanary.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A server in this JVM, on the loopback interface, that answers SnapStart priming requests as the service answers a
 * successful call with nothing in it: an empty JSON object, or for the query protocol (Elastic Load Balancing,
 * CloudWatch) the operation's empty XML result. It answers a request that is not signed with 403, as AWS does, so a
 * priming that skipped signing fails. It runs only while {@link AwsClients#prime()} does, and closes every connection
 * it took before the snapshot.
 */
final class PrimingAnswers implements AutoCloseable {

    private static final String SIGNED = "AWS4-HMAC-SHA256 ";

    private final HttpServer server;
    private final List<String> answered = new ArrayList<>();

    PrimingAnswers() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("start the priming server on the loopback interface", e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    String host() {
        return server.getAddress().getHostString();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The signed requests answered so far, each as its operation: its JSON target, query action or method and path. */
    synchronized List<String> answered() {
        return List.copyOf(answered);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            // Without keep-alive, no connection to this server outlives priming in the snapshot.
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "priming");
            if (authorization == null || !authorization.startsWith(SIGNED)) {
                respond(exchange, 403, "application/json", "{\"message\":\"Missing Authentication Token\"}");
                return;
            }
            Optional<String> action = queryAction(exchange, body);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null ? target
                    : action.orElse(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            synchronized (this) {
                answered.add(operation);
            }
            if (action.isPresent()) {
                respond(exchange, 200, "text/xml", "<%1$sResponse><%1$sResult/></%1$sResponse>".formatted(
                        action.get()));
            } else {
                respond(exchange, 200, "application/json", "{}");
            }
        }
    }

    /** The query protocol's operation, from its form body ({@code Action=ModifyRule&...}). */
    private static Optional<String> queryAction(HttpExchange exchange, String body) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        for (String pair : body.split("&")) {
            if (pair.startsWith("Action=")) {
                return Optional.of(URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
