package io.meshcanary.port;

import io.meshcanary.rollout.GateDecision;
import io.meshcanary.spec.Gate;

/** Asks an automatic gate (a Lambda function or a webhook) whether the rollout may go on. */
public interface GateKeeper {

    /**
     * @param payload the JSON document the gate receives: service, stage, weights, revision
     * @throws GateTimeoutException when the gate gives no answer within {@link Gate#timeoutSeconds()}
     */
    GateDecision ask(Gate gate, String payload);
}
