package io.meshcanary.local.host;

import com.sun.net.httpserver.HttpExchange;
import io.meshcanary.local.host.HostPlan.HostedFunction;
import io.meshcanary.local.iam.Authorization;
import io.meshcanary.local.iam.Roles;
import java.util.List;
import java.util.Optional;

/**
 * The state machine's role, for the Lambda invokes Step Functions itself makes. moto's ASL interpreter, the only
 * Python client of the endpoint, sends them with botocore's User-Agent; the tests, the demo and the functions use
 * the Java SDK (a function's own invokes are checked against the function's role before they leave). With one
 * state machine in the template, an invoke from the interpreter is that state machine's.
 */
record StepFunctionsRole(String stateMachine, Roles roles) {

    static Optional<StepFunctionsRole> of(HostPlan plan, Roles roles) {
        List<String> stateMachines = plan.roles().entrySet().stream()
                .filter(entry -> entry.getValue().stateMachine()).map(entry -> entry.getKey()).toList();
        return stateMachines.size() == 1
                ? Optional.of(new StepFunctionsRole(stateMachines.getFirst(), roles))
                : Optional.empty();
    }

    static boolean sentBy(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent"))
                .filter(agent -> agent.contains("Botocore/")).isPresent();
    }

    /** lambda:InvokeFunction is authorized on the ARN the caller named, qualifier included. */
    Optional<Roles.Denial> denial(HostedFunction function, FunctionRef ref) {
        String arn = ref.qualifier() == null ? function.arn() : function.arn() + ":" + ref.qualifier();
        return roles.denial(stateMachine, new Authorization("lambda:InvokeFunction", arn));
    }
}
