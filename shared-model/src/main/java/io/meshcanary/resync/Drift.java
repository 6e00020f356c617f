package io.meshcanary.resync;

import java.util.Objects;

/**
 * One thing the resync found out of line, and the repair for it.
 *
 * @param service the rollout key of the service it concerns, {@code <cluster>/<app>}
 * @param found what is out of line, with the resource it is about
 * @param repair what the resync does about it, in the imperative ("deregister it")
 * @param repaired false in a dry run, which only reports
 */
public record Drift(DriftKind kind, String service, String found, String repair, boolean repaired) {

    public Drift {
        Objects.requireNonNull(kind, "kind");
        requireText("service", service);
        requireText("found", found);
        requireText("repair", repair);
    }

    /** The drift in one line, as the Drift Repaired event's reason and the log tell it. */
    public String reason() {
        return "%s: %s; %s".formatted(kind, found, repair);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("drift " + field + " is blank");
        }
    }
}
