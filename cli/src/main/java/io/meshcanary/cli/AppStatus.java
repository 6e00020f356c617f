package io.meshcanary.cli;

import io.meshcanary.analysis.JudgeSummary;
import io.meshcanary.aws.RoutingException;
import io.meshcanary.cli.Operator.App;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.Weights;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.timeline.RolloutTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Where one onboarded app stands: its last rollout's record, and the weights read back from its router just now.
 *
 * @param phase the rollout's phase, or {@code NONE} before the app's first rollout
 * @param steps the weight steps of the rollout, 0 for a bootstrap
 * @param routed the weights the router holds, or null when they could not be read ({@code routerError} says why)
 * @param startedAt when the rollout started, or null
 * @param reason the rollout's reason; before the first rollout, why there has been none
 * @param judge what the statistical judge found in the rollout's last round that ran it, or null
 */
record AppStatus(String service, String phase, int step, int steps, Weights routed, String routerError,
        int failedChecks, int threshold, String canaryRevision, String primaryRevision, Instant startedAt,
        String reason, JudgeSummary judge) {

    static final String NONE = "NONE";

    static AppStatus of(Operator operator, App app) {
        Optional<Rollout> record = operator.record(app);
        Optional<CanarySpec> spec = Optional.empty();
        Weights routed = null;
        String routerError = null;
        String notRolledOut = null;
        try {
            spec = operator.spec(app, record);
            // An offboarded app's route or rule is the team's again: there are no tracks to read.
            boolean offboarded = record.filter(found -> found.phase() == Phase.OFFBOARDED).isPresent();
            if (spec.isPresent() && record.isEmpty()) {
                notRolledOut = whyNotRolledOut(operator, app, spec.get());
            } else if (spec.isPresent() && !offboarded) {
                routed = operator.routedWeights(app, spec.get());
            }
        } catch (InvalidSpecException | RoutingException | SdkException e) {
            // One app whose router cannot be read still leaves the others to show.
            routerError = e.getMessage();
        }
        int threshold = spec.map(found -> found.analysis().threshold()).orElse(0);
        if (record.isEmpty()) {
            return new AppStatus(app.key(), NONE, 0, 0, routed, routerError, 0, threshold, "", "", null,
                    notRolledOut, null);
        }
        Rollout rollout = record.get();
        int steps = rollout.bootstrap() ? 0 : spec.map(found -> found.steps().size()).orElse(0);
        return new AppStatus(app.key(), rollout.phase().name(), rollout.step(), steps, routed, routerError,
                rollout.failedChecks(), threshold, revision(rollout.canaryTaskDefinition()),
                revision(rollout.primaryTaskDefinition()), rollout.history().getFirst().at(), rollout.reason(),
                JudgeLines.latest(rollout));
    }

    /**
     * Before its first rollout an app's route has no tracks to read back (the bootstrap adopts it), so its row says
     * instead what keeps the stack from rolling it out, or that its next deployment will.
     */
    private static String whyNotRolledOut(Operator operator, App app, CanarySpec spec) {
        return new OnboardChecks(operator).problem(app.cluster(), app.name(), spec)
                .map(problem -> "never rolled out: " + problem)
                .orElse("not rolled out yet: the next deployment of %s bootstraps it".formatted(app.name()));
    }

    /** {@code orders:7} for the task definition ARN. */
    static String revision(String taskDefinition) {
        return RolloutTimeline.shortName(taskDefinition == null ? "" : taskDefinition);
    }

    String stepText() {
        return steps > 0 ? "%d/%d".formatted(step, steps) : "-";
    }

    String weightsText() {
        return routed != null ? RolloutTimeline.weights(routed.canary())
                : routerError == null ? "no route yet" : "unreadable";
    }

    String failedText() {
        return threshold > 0 ? "%d/%d".formatted(failedChecks, threshold) : Integer.toString(failedChecks);
    }

    String age(Instant now) {
        if (startedAt == null) {
            return "-";
        }
        Duration age = Duration.between(startedAt, now);
        return age.toDays() > 0 ? age.toDays() + "d" : age.toHours() > 0 ? age.toHours() + "h"
                : age.toMinutes() > 0 ? age.toMinutes() + "m" : Math.max(0, age.toSeconds()) + "s";
    }
}
