package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook gate on 127.0.0.1 that gives one fixed answer and keeps every payload it was asked with, standing in for
 * a team's change-freeze service. The functions run on this machine, so the workflow asks it through the product's
 * real gate code, as it would ask the team's service. The demo and the emulator tests both use it.
 */
public final class WebhookGate implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String answer;
    private final List<JsonNode> asked = new CopyOnWriteArrayList<>();

    private WebhookGate(String answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gate", this::answer);
        server.start();
    }

    /** @param answer the JSON body of every answer, e.g. {@code {"open": true}} */
    public static WebhookGate answering(String answer) {
        try {
            return new WebhookGate(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("start the webhook gate", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:%d/gate".formatted(server.getAddress().getPort());
    }

    public String answer() {
        return answer;
    }

    /** The payloads the gate was asked with, in order. */
    public List<JsonNode> asked() {
        return List.copyOf(asked);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            asked.add(JSON.readTree(exchange.getRequestBody()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
