package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks run after each step's wait, and how many failures roll a rollout back.
 *
 * @param alarms CloudWatch alarm names; one in ALARM is a failed check
 * @param threshold failed checks, over the whole rollout, that roll it back
 * @param inconclusiveAsFailureAfter consecutive inconclusive results that count as one failed check
 * @param maxCanaryCrashes canary tasks that may stop with a failure during a rollout; one more rolls it back
 * @param judge the statistical judge of canary against baseline, if the spec has one
 */
public record Analysis(List<String> alarms, List<MetricCheck> metrics, int threshold,
        int inconclusiveAsFailureAfter, int maxCanaryCrashes, Optional<Judge> judge) {

    /** No checks: every analysis round passes. */
    public static final Analysis NONE = new Analysis(List.of(), List.of(), 1, 1, 2, Optional.empty());

    public Analysis {
        alarms = List.copyOf(alarms);
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(judge, "judge");
        if (threshold < 1) {
            throw new InvalidSpecException("threshold", "must be at least 1, was " + threshold);
        }
        if (inconclusiveAsFailureAfter < 1) {
            throw new InvalidSpecException("inconclusiveAsFailureAfter",
                    "must be at least 1, was " + inconclusiveAsFailureAfter);
        }
        if (maxCanaryCrashes < 0) {
            throw new InvalidSpecException("maxCanaryCrashes", "must be at least 0, was " + maxCanaryCrashes);
        }
        Paths.requireUnique("metrics", metrics, "name", MetricCheck::name);
    }

    static Analysis read(JsonNode analysis) {
        List<String> alarms = new ArrayList<>();
        analysis.path("alarms").forEach(alarm -> alarms.add(alarm.asText()));
        List<MetricCheck> metrics = new ArrayList<>();
        JsonNode checks = analysis.path("metrics");
        for (int i = 0; i < checks.size(); i++) {
            JsonNode check = checks.get(i);
            metrics.add(Paths.within(Paths.index("metrics", i), () -> MetricCheck.read(check)));
        }
        return new Analysis(alarms, metrics,
                analysis.path("threshold").asInt(NONE.threshold()),
                analysis.path("inconclusiveAsFailureAfter").asInt(NONE.inconclusiveAsFailureAfter()),
                analysis.path("maxCanaryCrashes").asInt(NONE.maxCanaryCrashes()),
                Optional.ofNullable(analysis.get("judge"))
                        .map(judge -> Paths.within("judge", () -> Judge.read(judge))));
    }
}
