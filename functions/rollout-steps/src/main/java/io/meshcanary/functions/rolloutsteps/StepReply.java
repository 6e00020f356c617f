package io.meshcanary.functions.rolloutsteps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.rollout.Decision;
import io.meshcanary.rollout.Plan;
import java.time.Instant;

/**
 * What each workflow action answers: one record per action, holding exactly the fields its Task state's
 * {@code ResultSelector} reads (and a Choice state then matches), so a renamed field is a compile error here and a
 * failure of the workflow contract test, never a silent {@code null} in the execution.
 */
sealed interface StepReply {

    /** Initialize: the context every later step receives, and how the workflow routes its states. */
    record Started(ObjectNode context, Plan plan) implements StepReply {
    }

    /** Offboard: the context of the offboarding steps, and whether and since when they wait for the service. */
    record OffboardStarted(ObjectNode context, boolean done, Instant since, int pollSeconds) implements StepReply {
    }

    /** An operator's command, done. */
    record CommandDone(String service, String done) implements StepReply {
    }

    /** ScaleCanary and Promote: when the wait for capacity starts. */
    record WaitFrom(Instant since) implements StepReply {
    }

    /** CheckCapacity. */
    record Capacity(boolean ready) implements StepReply {
    }

    /**
     * SetWeight: the steps done now, the canary's weight read back, and whether it is the step's weight (ECS may
     * still be on its way there: the workflow waits a poll and sets the weight again).
     */
    record WeightSet(int stepsDone, int canary, boolean reached) implements StepReply {
    }

    /**
     * Analyze: where the Decide state goes, and whether it first waits at AwaitJudgeApproval for an operator (a
     * marginal judge with onMarginal pause).
     */
    record Analyzed(Decision.Next next, String summary, boolean pause) implements StepReply {
    }

    record GateOpen(boolean open) implements StepReply {
    }

    record AwaitingApproval(boolean waiting) implements StepReply {
    }

    record Promoted(boolean promoted) implements StepReply {
    }

    record Offboarded(boolean offboarded) implements StepReply {
    }

    record RolledBack(boolean rolledBack) implements StepReply {
    }
}
