package io.meshcanary.local.ecssim;

import java.time.Instant;

/** A pause hook of a service deployment, waiting or ended, as DeploymentLifecycleHookDetail shows it. */
record PauseHook(String id, String stage, Instant expiresAt, String timeoutAction, String status) {

    boolean awaiting() {
        return status.equals("AWAITING_ACTION");
    }

    PauseHook ended(String outcome) {
        return new PauseHook(id, stage, expiresAt, timeoutAction, outcome);
    }
}
