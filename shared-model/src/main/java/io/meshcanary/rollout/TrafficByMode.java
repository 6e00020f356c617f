package io.meshcanary.rollout;

import io.meshcanary.model.Track;
import io.meshcanary.port.TrafficControl;
import io.meshcanary.port.TrafficRevert;
import io.meshcanary.spec.Mode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The engine each rollout's spec chooses: the twin for {@code "mode": "twin"}, ECS's own deployment for
 * {@code "native"}. The one place that asks which mode a rollout has, so that the steps, the analysis, the gates and
 * the operator's commands never do.
 */
public final class TrafficByMode implements TrafficControl {

    private final TrafficControl twin;
    private final TrafficControl nativeMode;

    public TrafficByMode(TrafficControl twin, TrafficControl nativeMode) {
        this.twin = twin;
        this.nativeMode = nativeMode;
    }

    /** The fast path alone, for the guards, chosen by the record's spec. */
    public static TrafficRevert revert(TrafficRevert twin, TrafficRevert nativeMode) {
        return rollout -> (isNative(rollout) ? nativeMode : twin).revert(rollout);
    }

    private static boolean isNative(Rollout rollout) {
        return rollout.canarySpec().mode() == Mode.NATIVE;
    }

    private TrafficControl of(RolloutContext context) {
        return context.spec().mode() == Mode.NATIVE ? nativeMode : twin;
    }

    private TrafficControl of(Rollout rollout) {
        return isNative(rollout) ? nativeMode : twin;
    }

    @Override
    public Plan start(RolloutContext context, String deploymentId, String specJson) {
        return of(context).start(context, deploymentId, specJson);
    }

    @Override
    public Instant prepare(RolloutContext context) {
        return of(context).prepare(context);
    }

    @Override
    public boolean capacityReady(RolloutContext context, Track track, Instant waitingSince) {
        return of(context).capacityReady(context, track, waitingSince);
    }

    @Override
    public StepTaken stepTo(RolloutContext context, int stepsDone) {
        return of(context).stepTo(context, stepsDone);
    }

    @Override
    public Instant promote(RolloutContext context) {
        return of(context).promote(context);
    }

    @Override
    public Optional<Rollout> finish(RolloutContext context) {
        return of(context).finish(context);
    }

    @Override
    public Optional<Rollout> rollBack(RolloutContext context, String reason) {
        return of(context).rollBack(context, reason);
    }

    @Override
    public Reverted revert(Rollout rollout) {
        return of(rollout).revert(rollout);
    }

    @Override
    public Weights currentWeights(Rollout rollout) {
        return of(rollout).currentWeights(rollout);
    }

    @Override
    public Map<String, String> placeholders(RolloutContext context, Rollout rollout, Track track) {
        return of(context).placeholders(context, rollout, track);
    }

    @Override
    public Optional<Instant> offboard(RolloutContext context) {
        return of(context).offboard(context);
    }

    @Override
    public void offboarded(RolloutContext context) {
        of(context).offboarded(context);
    }
}
