package io.meshcanary.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.demo.Router;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Promoted rollouts for measurements that live outside this package, such as those in {@code bench/}. */
public final class PromotedRollouts {

    /** The runtime logs every SDK call the functions make in the function host. */
    private static final Predicate<JsonNode> FUNCTION_AWS_CALL = line -> line.path("type").asText()
            .equals("local.awsCall");

    private PromotedRollouts() {
    }

    /**
     * Bootstraps a new app behind {@code router}, rolls out its second revision through the example's three steps at
     * a one-second interval with a passing analysis, and returns that rollout's execution history with the AWS calls
     * the functions made from the deployment to the rollout's end (the node registry's included), by
     * {@code service.operation}.
     */
    public static Measured measureOne(Router router) {
        CanaryApp app = new CanaryApp(router);
        app.bootstrap(app.spec());
        app.reportErrorRate(0.2);
        String next = app.registerRevision("orders:2");
        int callsBefore = FunctionLog.lines(FUNCTION_AWS_CALL).size();
        app.deploy(next);
        JsonNode rollout = app.awaitRollout(next, "SUCCEEDED");
        List<JsonNode> calls = FunctionLog.lines(FUNCTION_AWS_CALL);
        Map<String, Long> byOperation = calls.subList(callsBefore, calls.size()).stream()
                .collect(Collectors.groupingBy(call -> call.path("service").asText() + "."
                        + call.path("operation").asText(), TreeMap::new, Collectors.counting()));
        return new Measured(CanaryWorkflow.history(rollout.path("execution").asText()), byOperation);
    }

    /** A rollout's execution history and the functions' AWS calls for it. */
    public record Measured(List<HistoryEvent> history, Map<String, Long> awsCalls) {
    }
}
