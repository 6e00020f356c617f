package io.meshcanary.local.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.meshcanary.local.support.JsonLog;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoint everything calls (tests, handlers, moto's Step Functions interpreter): Lambda Invoke runs the
 * function here, and every other request goes to moto.
 */
final class LambdaProxy implements HttpHandler {
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    private final LambdaInvokeApi lambda;
    private final Forwarder forwarder;
    private final JsonLog log;

    LambdaProxy(LambdaInvokeApi lambda, Forwarder forwarder, JsonLog log) {
        this.lambda = lambda;
        this.forwarder = forwarder;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (exchange.getRequestMethod().equals("POST") && invoke.matches()) {
                lambda.invoke(exchange, URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8));
            } else {
                forwarder.forward(exchange);
            }
        } catch (IOException | RuntimeException e) {
            log.error("local.proxyFailed", e, "method", exchange.getRequestMethod(),
                    "path", exchange.getRequestURI().getRawPath());
            failIfUnanswered(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** A request that fails before its answer started gets a 502, so the caller sees an error, not a hang. */
    private static void failIfUnanswered(HttpExchange exchange) {
        if (exchange.getResponseCode() == -1) {
            try {
                exchange.sendResponseHeaders(502, -1);
            } catch (IOException ignored) {
                // The caller has gone; nothing is left to tell it.
            }
        }
    }
}
