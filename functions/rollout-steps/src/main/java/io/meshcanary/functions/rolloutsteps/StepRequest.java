package io.meshcanary.functions.rolloutsteps;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.meshcanary.model.Track;
import io.meshcanary.rollout.GateStage;
import io.meshcanary.rollout.InvalidInputException;
import java.time.Instant;
import java.util.Optional;

/**
 * The payload a Task state of {@code statemachines/canary.asl.json} sends the function: one record per
 * {@code action}, bound by {@link StepPayloads} and validated in its constructor, so that a missing or bad field is
 * an {@link InvalidInputException} naming it. The action names below are part of the API between the workflow and
 * the function; {@code WorkflowContractTest} holds the ASL's payloads to these records.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StepRequest.Initialize.class, name = StepRequest.INITIALIZE),
        @JsonSubTypes.Type(value = StepRequest.Command.class, name = StepRequest.COMMAND),
        @JsonSubTypes.Type(value = StepRequest.Offboard.class, name = StepRequest.OFFBOARD),
        @JsonSubTypes.Type(value = StepRequest.PassGate.class, name = StepRequest.PASS_GATE),
        @JsonSubTypes.Type(value = StepRequest.AwaitApproval.class, name = StepRequest.AWAIT_APPROVAL),
        @JsonSubTypes.Type(value = StepRequest.ScaleCanary.class, name = StepRequest.SCALE_CANARY),
        @JsonSubTypes.Type(value = StepRequest.CheckCapacity.class, name = StepRequest.CHECK_CAPACITY),
        @JsonSubTypes.Type(value = StepRequest.SetWeight.class, name = StepRequest.SET_WEIGHT),
        @JsonSubTypes.Type(value = StepRequest.Analyze.class, name = StepRequest.ANALYZE),
        @JsonSubTypes.Type(value = StepRequest.Promote.class, name = StepRequest.PROMOTE),
        @JsonSubTypes.Type(value = StepRequest.Finish.class, name = StepRequest.FINISH),
        @JsonSubTypes.Type(value = StepRequest.Rollback.class, name = StepRequest.ROLLBACK),
        @JsonSubTypes.Type(value = StepRequest.Offboarded.class, name = StepRequest.OFFBOARDED)})
sealed interface StepRequest {

    String INITIALIZE = "initialize";
    String COMMAND = "command";
    String OFFBOARD = "offboard";
    String PASS_GATE = "passGate";
    String AWAIT_APPROVAL = "awaitApproval";
    String SCALE_CANARY = "scaleCanary";
    String CHECK_CAPACITY = "checkCapacity";
    String SET_WEIGHT = "setWeight";
    String ANALYZE = "analyze";
    String PROMOTE = "promote";
    String FINISH = "finish";
    String ROLLBACK = "rollback";
    String OFFBOARDED = "offboarded";

    /** The execution's name, {@code $$.Execution.Name}. */
    String execution();

    /** The states that work on the execution input: {@code "input.$": "$"}. */
    sealed interface OnInput extends StepRequest {
        ExecutionInput input();
    }

    /** The states after Initialize, which pass on the context it returned: {@code "context.$": "$.rollout.context"}. */
    sealed interface OnContext extends StepRequest {
        StepContext context();
    }

    /**
     * What Initialize (or Offboard) returned for every later step.
     *
     * @param deployment the ECS deployment the rollout releases, for log lines' keys; null in a context that has none
     */
    record StepContext(String cluster, String app, String deployment, JsonNode spec) {
        public StepContext {
            StepPayloads.require(cluster, "context.cluster");
            StepPayloads.require(app, "context.app");
            if (spec == null || !spec.isObject()) {
                throw new InvalidInputException("context.spec", "must be the canary spec Initialize returned");
            }
        }

        public Optional<String> deploymentId() {
            return Optional.ofNullable(deployment);
        }
    }

    record Initialize(String execution, ExecutionInput input) implements OnInput {
        public Initialize {
            StepPayloads.onInput(execution, input);
        }
    }

    /** The Abort, Approve and PromoteNow states: the execution input names the command. */
    record Command(String execution, ExecutionInput input) implements OnInput {
        public Command {
            StepPayloads.onInput(execution, input);
        }
    }

    record Offboard(String execution, ExecutionInput input) implements OnInput {
        public Offboard {
            StepPayloads.onInput(execution, input);
        }
    }

    /** @param stage {@code preRollout}, {@code preStep} or {@code prePromotion} */
    record PassGate(String execution, StepContext context, GateStage stage) implements OnContext {
        public PassGate {
            StepPayloads.onContext(execution, context);
            StepPayloads.require(stage, "stage");
        }
    }

    /** @param token the Task token, {@code $$.Task.Token}, that an operator's approve sends back */
    record AwaitApproval(String execution, StepContext context, GateStage stage, String token) implements OnContext {
        public AwaitApproval {
            StepPayloads.onContext(execution, context);
            StepPayloads.require(stage, "stage");
            StepPayloads.require(token, "token");
        }
    }

    record ScaleCanary(String execution, StepContext context) implements OnContext {
        public ScaleCanary {
            StepPayloads.onContext(execution, context);
        }
    }

    /** @param since when the wait began, to tell a track's new tasks from stale ones */
    record CheckCapacity(String execution, StepContext context, Track track, Instant since) implements OnContext {
        public CheckCapacity {
            StepPayloads.onContext(execution, context);
            StepPayloads.require(track, "track");
            StepPayloads.require(since, "since");
        }
    }

    /** @param stepsDone the steps the rollout has taken, {@code $.rollout.progress.stepsDone} */
    record SetWeight(String execution, StepContext context, Integer stepsDone) implements OnContext {
        public SetWeight {
            StepPayloads.onContext(execution, context);
            StepPayloads.require(stepsDone, "stepsDone");
            if (stepsDone < 0) {
                throw new InvalidInputException("stepsDone", "must not be negative, was " + stepsDone);
            }
        }
    }

    record Analyze(String execution, StepContext context) implements OnContext {
        public Analyze {
            StepPayloads.onContext(execution, context);
        }
    }

    record Promote(String execution, StepContext context) implements OnContext {
        public Promote {
            StepPayloads.onContext(execution, context);
        }
    }

    record Finish(String execution, StepContext context) implements OnContext {
        public Finish {
            StepPayloads.onContext(execution, context);
        }
    }

    /**
     * @param error what the Catch (or the AnalysisFailed state) put in {@code $.error}; a missing one still rolls
     *        back, for a rollback that fails on its own input would leave traffic on the canary
     */
    record Rollback(String execution, StepContext context, JsonNode error) implements OnContext {
        public Rollback {
            StepPayloads.onContext(execution, context);
            error = error == null ? MissingNode.getInstance() : error;
        }
    }

    record Offboarded(String execution, StepContext context) implements OnContext {
        public Offboarded {
            StepPayloads.onContext(execution, context);
        }
    }
}
