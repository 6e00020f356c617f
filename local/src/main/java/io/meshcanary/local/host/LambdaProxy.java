package io.meshcanary.local.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.meshcanary.local.ecssim.EcsAnswer;
import io.meshcanary.local.ecssim.EcsControlPlane;
import io.meshcanary.local.support.JsonLog;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoint everything calls (tests, handlers, moto's Step Functions interpreter): Lambda Invoke runs the
 * function here, the ECS calls the emulator lacks are answered by the ECS simulator's stand-ins, and every other
 * request goes to moto.
 */
final class LambdaProxy implements HttpHandler {
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    private final LambdaInvokeApi lambda;
    private final Forwarder forwarder;
    private final Optional<EcsControlPlane> ecsSimulator;
    private final JsonLog log;

    LambdaProxy(LambdaInvokeApi lambda, Forwarder forwarder, Optional<EcsControlPlane> ecsSimulator, JsonLog log) {
        this.lambda = lambda;
        this.forwarder = forwarder;
        this.ecsSimulator = ecsSimulator;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (exchange.getRequestMethod().equals("POST") && invoke.matches()) {
                lambda.invoke(exchange, URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8));
            } else if (ecsSimulator.filter(simulator -> simulator.answers(target)).isPresent()) {
                answer(exchange, ecsSimulator.get().answer(target, ClientGone.requestBody(exchange)));
            } else {
                forwarder.forward(exchange);
            }
        } catch (ClientGone e) {
            log.warn("local.proxyClientGone", "method", exchange.getRequestMethod(),
                    "path", exchange.getRequestURI().getRawPath(), "error", String.valueOf(e.getMessage()));
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

    private static void answer(HttpExchange exchange, EcsAnswer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
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
