package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;

/**
 * How long the workflow waits for things outside it before it rolls back, and how often it looks meanwhile.
 *
 * @param capacitySeconds for the canary tasks to run and register in the mesh
 * @param promotionSeconds for the primary to run the canary's task definition
 * @param gateSeconds for a gate to answer, a manual approval included
 * @param capacityPollSeconds how long the workflow waits between two checks of a track's capacity; empty when the
 *     spec leaves it to the interval
 */
public record Timeouts(int capacitySeconds, int promotionSeconds, int gateSeconds, OptionalInt capacityPollSeconds) {

    public static final Timeouts DEFAULTS = new Timeouts(600, 900, 3_600, OptionalInt.empty());

    /**
     * How often one wait for capacity may poll. The two waits (canary, primary) then write at most 16,200 history
     * events, which leaves the rest of Step Functions' 25,000 to the weight steps (at most 100, about 21 events each
     * with a gate) and the states around them.
     */
    public static final int MAX_POLLS_PER_WAIT = 900;

    public Timeouts {
        requirePositive("capacitySeconds", capacitySeconds);
        requirePositive("promotionSeconds", promotionSeconds);
        requirePositive("gateSeconds", gateSeconds);
        if (capacityPollSeconds.isPresent()) {
            requirePositive("capacityPollSeconds", capacityPollSeconds.getAsInt());
            int fewest = Math.ceilDiv(Math.max(capacitySeconds, promotionSeconds), MAX_POLLS_PER_WAIT);
            if (capacityPollSeconds.getAsInt() < fewest) {
                throw new InvalidSpecException("capacityPollSeconds", ("must be at least %d, was %d: a wait of %d s"
                        + " may poll at most %d times, or the execution's history outgrows Step Functions' limit")
                        .formatted(fewest, capacityPollSeconds.getAsInt(), Math.max(capacitySeconds,
                                promotionSeconds), MAX_POLLS_PER_WAIT));
            }
        }
    }

    static Timeouts read(JsonNode timeouts) {
        JsonNode poll = timeouts.path("capacityPollSeconds");
        return new Timeouts(
                timeouts.path("capacitySeconds").asInt(DEFAULTS.capacitySeconds()),
                timeouts.path("promotionSeconds").asInt(DEFAULTS.promotionSeconds()),
                timeouts.path("gateSeconds").asInt(DEFAULTS.gateSeconds()),
                poll.isMissingNode() ? OptionalInt.empty() : OptionalInt.of(poll.asInt()));
    }

    private static void requirePositive(String field, int seconds) {
        if (seconds < 1) {
            throw new InvalidSpecException(field, "must be at least 1, was " + seconds);
        }
    }
}
