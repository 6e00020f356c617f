package io.meshcanary.local.host;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Passes a request to moto unchanged (method, path, query, headers including Host and Authorization, body) and
 * streams the answer back with its status and headers. Host must survive: moto builds queue URLs from it.
 */
final class Forwarder {
    /** Headers that describe one connection, not the request, and that the HTTP client sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "content-length", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade");

    private final URI backend;
    private final HttpClient http;
    private final Answered answered;

    /**
     * Needs the system property jdk.httpclient.allowRestrictedHeaders=host, which FunctionHost sets.
     *
     * @param answered told of each request moto answered with success, once its caller has the answer
     */
    Forwarder(URI backend, Answered answered) {
        this.backend = backend;
        this.answered = answered;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    void forward(HttpExchange exchange) throws IOException, InterruptedException {
        URI requested = exchange.getRequestURI();
        String target = requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
        byte[] body = ClientGone.requestBody(exchange);
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.resolve(target)).method(
                exchange.getRequestMethod(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        // For HttpServer a length of 0 means "unknown, send chunked" and -1 means "no body".
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        boolean bodyless = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204
                || response.statusCode() == 304 || declared.orElse(-1) == 0;
        exchange.sendResponseHeaders(response.statusCode(), bodyless ? -1 : declared.orElse(0));
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            if (!bodyless) {
                in.transferTo(out);
            }
        }
        if (response.statusCode() / 100 == 2) {
            answered.request(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
        }
    }

    /** What hears of the requests that succeeded (the ECS simulator, of the calls that change services). */
    @FunctionalInterface
    interface Answered {
        Answered NOBODY = (target, body) -> { };

        /** @param target the request's {@code X-Amz-Target} header, null for a service that uses none */
        void request(String target, byte[] body);
    }
}
