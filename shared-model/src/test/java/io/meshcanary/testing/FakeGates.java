package io.meshcanary.testing;

import io.meshcanary.port.GateKeeper;
import io.meshcanary.port.GateTimeoutException;
import io.meshcanary.rollout.GateDecision;
import io.meshcanary.spec.Gate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Automatic gates that answer as told, per target (function ARN or URL). Records every payload they were sent. */
public final class FakeGates implements GateKeeper {

    /** One question put to a gate. */
    public record Asked(String target, String payload) {
    }

    private final Map<String, GateDecision> answers = new HashMap<>();
    private final List<Asked> asked = new ArrayList<>();
    private final Set<String> hanging = new HashSet<>();

    public FakeGates opens(String target) {
        answers.put(target, new GateDecision(true, "ok"));
        return this;
    }

    public FakeGates closes(String target, String reason) {
        answers.put(target, new GateDecision(false, reason));
        return this;
    }

    /** The gate never answers: the client gives up after the gate's timeout. */
    public FakeGates hangs(String target) {
        hanging.add(target);
        return this;
    }

    @Override
    public GateDecision ask(Gate gate, String payload) {
        asked.add(new Asked(gate.target(), payload));
        if (hanging.contains(gate.target())) {
            throw new GateTimeoutException("gate %s gave no answer in %d s".formatted(gate.target(),
                    gate.timeoutSeconds()), null);
        }
        GateDecision answer = answers.get(gate.target());
        if (answer == null) {
            throw new IllegalStateException("the test gave no answer for gate " + gate.target());
        }
        return answer;
    }

    public List<Asked> asked() {
        return List.copyOf(asked);
    }
}
