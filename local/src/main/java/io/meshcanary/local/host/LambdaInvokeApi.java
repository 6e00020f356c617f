package io.meshcanary.local.host;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import io.meshcanary.local.host.HostPlan.HostedFunction;
import io.meshcanary.local.iam.Roles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Answers Lambda's Invoke API as Lambda does, running the function in this process. */
final class LambdaInvokeApi {
    private final Invoker invoker;
    private final AsyncInvoker asyncInvoker;
    private final String region;
    private final Optional<StepFunctionsRole> stepFunctions;

    /** @param stepFunctions the state machine's role, when IAM is enforced */
    LambdaInvokeApi(Invoker invoker, AsyncInvoker asyncInvoker, String region,
            Optional<StepFunctionsRole> stepFunctions) {
        this.invoker = invoker;
        this.asyncInvoker = asyncInvoker;
        this.region = region;
        this.stepFunctions = stepFunctions;
    }

    void invoke(HttpExchange exchange, String functionName) throws IOException {
        byte[] payload = ClientGone.requestBody(exchange);
        FunctionRef ref = FunctionRef.parse(functionName);
        Optional<HostedFunction> found = invoker.function(ref.name());
        if (found.isEmpty()) {
            error(exchange, 404, "ResourceNotFoundException", "Function not found: %s (region %s)"
                    .formatted(functionName, region));
            return;
        }
        HostedFunction function = found.get();
        Optional<Roles.Denial> denial = stepFunctions.filter(role -> StepFunctionsRole.sentBy(exchange))
                .flatMap(role -> role.denial(function, ref));
        if (denial.isPresent()) {
            // Lambda's answer to a caller IAM denies: 403 AccessDeniedException.
            error(exchange, 403, "AccessDeniedException", denial.get().message());
            return;
        }
        String invocationType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                .orElse("RequestResponse");
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        switch (invocationType) {
            case "RequestResponse" -> respond(exchange, invoker.invoke(function, payload, Invoker.newRequestId()));
            case "Event" -> {
                String requestId = Invoker.newRequestId();
                asyncInvoker.submit(function, payload, requestId, Instant.now());
                exchange.getResponseHeaders().set("X-Amzn-RequestId", requestId);
                exchange.sendResponseHeaders(202, -1);
            }
            case "DryRun" -> exchange.sendResponseHeaders(204, -1);
            default -> error(exchange, 400, "InvalidParameterValueException",
                    "InvocationType must be RequestResponse, Event or DryRun, not " + invocationType);
        }
    }

    private static void respond(HttpExchange exchange, InvocationResult result) throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-RequestId", result.requestId());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] body = switch (result) {
            case InvocationResult.Success success -> success.output();
            case InvocationResult.Failure failure -> {
                exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                yield failure.toJson();
            }
        };
        send(exchange, 200, body);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, JsonNodeFactory.instance.objectNode().put("Type", "User").put("Message", message)
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
