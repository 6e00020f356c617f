package io.meshcanary.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.model.Redaction;
import io.meshcanary.port.GateKeeper;
import io.meshcanary.port.GateTimeoutException;
import io.meshcanary.rollout.GateDecision;
import io.meshcanary.spec.Gate;
import io.meshcanary.spec.SecretHeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * Asks Lambda and webhook gates. A gate opens by answering {@code {"open": true}} (a webhook may also just answer
 * 2xx with no body); anything else, an error included, keeps it closed, so a broken gate never lets a rollout on.
 * A webhook's header secrets are read from SSM at each call, and never leave the request.
 */
public final class GateClient implements GateKeeper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final SsmClient ssm;
    // No connect timeout of its own: each request's timeout, the gate's, covers connecting too.
    private final HttpClient http = HttpClient.newHttpClient();

    public GateClient(LambdaClient lambda, SsmClient ssm) {
        this.lambda = lambda;
        this.ssm = ssm;
    }

    @Override
    public GateDecision ask(Gate gate, String payload) {
        return switch (gate.type()) {
            case LAMBDA -> invoke(gate.target(), payload, Duration.ofSeconds(gate.timeoutSeconds()));
            case WEBHOOK -> post(gate, payload);
            case MANUAL -> throw new IllegalArgumentException("a manual gate waits for an approval; it cannot be asked");
        };
    }

    private GateDecision invoke(String functionArn, String payload, Duration timeout) {
        InvokeResponse response;
        try {
            response = lambda.invoke(request -> request.functionName(functionArn)
                    .payload(SdkBytes.fromUtf8String(payload))
                    .overrideConfiguration(call -> call.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)));
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw noAnswer("gate function " + functionArn, timeout, e);
        } catch (RuntimeException e) {
            return new GateDecision(false, "gate function %s could not be invoked: %s".formatted(functionArn,
                    e.getMessage()));
        }
        if (response.functionError() != null) {
            return new GateDecision(false, "gate function %s failed: %s".formatted(functionArn,
                    response.payload().asUtf8String()));
        }
        return decision(response.payload().asUtf8String(), false, "gate function " + functionArn);
    }

    private GateDecision post(Gate gate, String payload) {
        String url = gate.target();
        Duration timeout = Duration.ofSeconds(gate.timeoutSeconds());
        // The reasons end up in the record, the bus and the execution's output: a token in the URL must not.
        String shown = Redaction.url(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("content-type", "application/json");
        for (SecretHeader header : gate.headers()) {
            try {
                request.header(header.name(), secret(header.ssmParameter()));
            } catch (SsmException e) {
                // Throttling and AWS's own failures pass, so the workflow retries the step; the rest is for a person.
                if (e.isThrottlingException() || e.statusCode() >= 500) {
                    throw e;
                }
                return new GateDecision(false, ("webhook %s not asked: its header %s takes SSM parameter %s, which "
                        + "could not be read: %s").formatted(shown, header.name(), header.ssmParameter(),
                        e.awsErrorDetails().errorCode()));
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw noAnswer("webhook " + shown, timeout, e);
        } catch (IOException e) {
            return new GateDecision(false, "webhook %s unreachable: %s".formatted(shown,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace(url, shown)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GateDecision(false, "interrupted while asking webhook " + shown);
        }
        if (response.statusCode() / 100 != 2) {
            return new GateDecision(false, "webhook %s answered HTTP %d".formatted(shown, response.statusCode()));
        }
        return decision(response.body(), true, "webhook " + shown);
    }

    private String secret(String parameter) {
        return ssm.getParameter(request -> request.name(parameter).withDecryption(true)).parameter().value();
    }

    private static GateTimeoutException noAnswer(String gate, Duration timeout, Exception cause) {
        return new GateTimeoutException("%s gave no answer in %d s".formatted(gate, timeout.toSeconds()), cause);
    }

    private static GateDecision decision(String body, boolean openWhenEmpty, String gate) {
        if (body == null || body.isBlank()) {
            return new GateDecision(openWhenEmpty, gate + " gave no answer");
        }
        try {
            JsonNode answer = JSON.readTree(body);
            boolean open = answer.path("open").asBoolean(false);
            return new GateDecision(open, answer.path("reason").asText(gate + (open ? " opened" : " said no")));
        } catch (IOException e) {
            return new GateDecision(false, gate + " answered something that is not JSON");
        }
    }
}
