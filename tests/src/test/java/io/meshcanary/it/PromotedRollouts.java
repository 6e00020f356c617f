package io.meshcanary.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Promoted rollouts for measurements that live outside this package, such as those in {@code bench/}. */
public final class PromotedRollouts {

    private PromotedRollouts() {
    }

    /**
     * Bootstraps a new app, rolls out its second revision through the example's three steps at a one-second
     * interval with a passing analysis, and returns the history of that rollout's execution.
     */
    public static List<HistoryEvent> historyOfOne() {
        CanaryApp app = new CanaryApp();
        app.bootstrap(app.spec());
        app.reportErrorRate(0.2);
        String next = app.registerRevision("orders:2");
        app.deploy(next);
        JsonNode rollout = app.awaitRollout(next, "SUCCEEDED");
        return CanaryWorkflow.history(rollout.path("execution").asText());
    }
}
