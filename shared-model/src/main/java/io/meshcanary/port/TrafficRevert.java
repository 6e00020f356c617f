package io.meshcanary.port;

import io.meshcanary.rollout.Reverted;
import io.meshcanary.rollout.Rollout;

/**
 * The fast path of whoever moves a rollout's traffic: every request off the canary at once. The guards (alarm, crash,
 * failed deployment), an operator's abort and a superseding rollout need only this, so the functions that run them
 * carry none of the rest of the engine.
 */
public interface TrafficRevert {

    /**
     * Takes all traffic off {@code rollout}'s canary now and leaves the stable revision serving it; safe to repeat.
     * The spec comes from the record, so a caller needs nothing else.
     *
     * @return the weights read back and a note for the record's history
     */
    Reverted revert(Rollout rollout);
}
