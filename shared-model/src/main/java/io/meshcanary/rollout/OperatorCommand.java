package io.meshcanary.rollout;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The commands an operator sends a running rollout, by the name the execution input's {@code action} gives them. */
public enum OperatorCommand {
    ABORT,
    APPROVE,
    PROMOTE;

    /** The name as an operator types it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The command named {@code action}; any other name is refused, so that a new action the workflow sends can never
     * fall through to another command.
     */
    public static OperatorCommand named(String action) {
        return Arrays.stream(values()).filter(command -> command.label().equals(action)).findFirst()
                .orElseThrow(() -> new InvalidInputException("action",
                        "%s is not an operator command; expected one of %s".formatted(action, labels())));
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(OperatorCommand::label).toList();
    }
}
