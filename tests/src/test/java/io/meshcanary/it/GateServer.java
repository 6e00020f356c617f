package io.meshcanary.it;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A webhook gate on 127.0.0.1 that gives one fixed answer and keeps every payload it was asked with. The functions
 * run on this machine, so they reach it as they would reach a team's change-freeze service.
 */
final class GateServer implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> asked = new CopyOnWriteArrayList<>();

    private GateServer(String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gate", exchange -> answer(exchange, answer));
        server.start();
    }

    static GateServer answering(String answer) {
        try {
            return new GateServer(answer);
        } catch (IOException e) {
            throw new UncheckedIOException("start the webhook gate", e);
        }
    }

    String url() {
        return "http://127.0.0.1:%d/gate".formatted(server.getAddress().getPort());
    }

    /** The payloads the gate was asked with, in order. */
    List<JsonNode> asked() {
        return List.copyOf(asked);
    }

    private void answer(HttpExchange exchange, String answer) throws IOException {
        try (exchange) {
            asked.add(SampleEvents.JSON.readTree(exchange.getRequestBody()));
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
