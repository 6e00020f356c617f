package io.meshcanary.port;

import io.meshcanary.model.Track;
import io.meshcanary.rollout.Plan;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutContext;
import io.meshcanary.rollout.StepTaken;
import io.meshcanary.rollout.Weights;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who moves a rollout's traffic, in the workflow's terms: the engine carries out what the analysis, the gates and the
 * operator decided, and they never ask which engine a rollout has. Today's engine copies the user's service into a
 * twin and weighs the two on the spec's router; an engine that drives ECS's own deployment answers the same verbs by
 * continuing or rolling back that deployment.
 *
 * <p>Every verb reads the record through the execution's ownership (a step of an execution that no longer owns it
 * throws {@link io.meshcanary.rollout.SupersededException} and moves nothing), and writes its transition to the record
 * conditionally.
 */
public interface TrafficControl extends TrafficRevert {

    /**
     * Starts the rollout of the canary service's current revision, superseding an older active rollout of the same
     * service; the first rollout of a service sets up what the engine needs (a bootstrap).
     *
     * @return how the workflow routes its states
     */
    Plan start(RolloutContext context, String deploymentId, String specJson);

    /**
     * Readies the release's capacity before traffic moves onto it.
     *
     * @return when the wait for that capacity starts
     */
    Instant prepare(RolloutContext context);

    /**
     * Whether {@code track} has the capacity of the rollout's revision that traffic may move onto.
     *
     * @throws io.meshcanary.rollout.RolloutFailedException once the spec's timeout since {@code waitingSince} passed
     */
    boolean capacityReady(RolloutContext context, Track track, Instant waitingSince);

    /**
     * Moves the canary to the plan's weight after {@code stepsDone} steps. An engine whose traffic moves on its own
     * (ECS's) moves it on towards that weight and is called again until it is there; the step counts, in the record,
     * once it is.
     *
     * @return the weights read back, and whether the step is done
     */
    StepTaken stepTo(RolloutContext context, int stepsDone);

    /**
     * The stable track takes the released revision.
     *
     * @return when the wait for the promoted capacity starts
     */
    Instant promote(RolloutContext context);

    /**
     * Ends a promotion: all traffic on the released revision, nothing left of the canary.
     *
     * @return the record this call ended, or empty when a retried call found it ended already
     */
    Optional<Rollout> finish(RolloutContext context);

    /**
     * Ends a failed rollout: all traffic on the stable revision, which runs what it ran before, and the record FAILED
     * with {@code reason}.
     *
     * @return the record this call ended, or empty when it was ended already or is not this execution's
     */
    Optional<Rollout> rollBack(RolloutContext context, String reason);

    /** The weights the engine applies now, read back rather than taken from the record. */
    Weights currentWeights(Rollout rollout);

    /**
     * The values of the metric placeholders that tell {@code track} apart in CloudWatch (its service, virtual node,
     * target group), so that the analysis and the judge read each track's metrics without knowing the engine.
     *
     * @param rollout the record, which keeps what the engine made for a track and no spec names (the twin's own
     *        target group)
     */
    Map<String, String> placeholders(RolloutContext context, Rollout rollout, Track track);

    /**
     * Offboarding, first step: the service as the team had it before onboarding takes the stable revision back.
     *
     * @return when the wait for its capacity starts; empty when it is offboarded already
     */
    Optional<Instant> offboard(RolloutContext context);

    /** Offboarding, last step: what the engine set up is removed, and the record ends OFFBOARDED. */
    void offboarded(RolloutContext context);
}
