package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An approval asked for before traffic moves.
 *
 * @param target the function ARN of a lambda gate, the URL of a webhook gate, null for a manual gate
 * @param timeoutSeconds how long a lambda or webhook gate may take to answer; 0 for a manual gate, which waits for a
 *     person up to {@code timeouts.gateSeconds}
 * @param headers what a webhook gate is sent besides its payload, each read from a secret when it is asked
 */
public record Gate(GateType type, String target, int timeoutSeconds, List<SecretHeader> headers) {

    public static final Gate MANUAL = new Gate(GateType.MANUAL, null);
    /** Long enough for a gate that reads a calendar or a ticket, short enough to fail a hung one early. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /**
     * The gate is asked inside one invocation of the rollout-steps function, whose own timeout (template.yaml, 60 s)
     * must leave room for the step's record read: past it, the step would end as an unnamed Sandbox.Timedout.
     */
    public static final int MAX_TIMEOUT_SECONDS = 45;
    private static final String TIMEOUT_FIELD = "timeoutSeconds";
    private static final String HEADERS_FIELD = "headers";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    public Gate {
        Objects.requireNonNull(type, "type");
        headers = List.copyOf(headers);
        if (type != GateType.WEBHOOK && !headers.isEmpty()) {
            throw new InvalidSpecException(HEADERS_FIELD, "only a webhook gate is sent headers");
        }
        if (type == GateType.MANUAL) {
            if (target != null) {
                throw new InvalidSpecException(Paths.DOCUMENT, "a manual gate takes no functionArn or url");
            }
            if (timeoutSeconds != 0) {
                throw new InvalidSpecException(TIMEOUT_FIELD, "a manual gate waits timeouts.gateSeconds for a person; "
                        + "it takes no timeoutSeconds");
            }
        } else if (target == null || target.isBlank()) {
            throw new InvalidSpecException(type.targetField(),
                    "is required for a %s gate".formatted(type.name().toLowerCase(Locale.ROOT)));
        } else if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new InvalidSpecException(TIMEOUT_FIELD, "must be 1 to %d, was %d".formatted(MAX_TIMEOUT_SECONDS,
                    timeoutSeconds));
        }
        if (type == GateType.WEBHOOK) {
            requireSafeUrl(target);
        }
    }

    /** A gate sent no headers of its own. */
    public Gate(GateType type, String target, int timeoutSeconds) {
        this(type, target, timeoutSeconds, List.of());
    }

    /** A gate that waits {@link #DEFAULT_TIMEOUT_SECONDS} for its answer, if it is asked. */
    public Gate(GateType type, String target) {
        this(type, target, type == GateType.MANUAL ? 0 : DEFAULT_TIMEOUT_SECONDS);
    }

    public static Gate lambda(String functionArn) {
        return new Gate(GateType.LAMBDA, functionArn);
    }

    public static Gate webhook(String url) {
        return new Gate(GateType.WEBHOOK, url);
    }

    static Gate read(JsonNode gate) {
        GateType type = GateType.fromJson(gate.get("type").asText());
        if (type == GateType.MANUAL) {
            return new Gate(type, null, gate.path(TIMEOUT_FIELD).asInt(0));
        }
        List<SecretHeader> headers = new ArrayList<>();
        gate.path(HEADERS_FIELD).properties().forEach(header -> headers.add(Paths.within(
                Paths.child(HEADERS_FIELD, header.getKey()), () -> new SecretHeader(header.getKey(),
                        header.getValue().path(SecretHeader.SSM_PARAMETER_FIELD).asText(null)))));
        return new Gate(type, gate.get(type.targetField()).asText(),
                gate.path(TIMEOUT_FIELD).asInt(DEFAULT_TIMEOUT_SECONDS), headers);
    }

    /** @throws InvalidSpecException naming the first header whose secret lies outside {@code prefix} */
    void requireSecretsUnder(String prefix) {
        headers.forEach(header -> Paths.check(Paths.child(HEADERS_FIELD, header.name()),
                () -> header.requireUnder(prefix)));
    }

    /** Gate answers decide whether traffic moves, so they never travel in clear text beyond this machine. */
    private static void requireSafeUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidSpecException("url", "is not a URL (" + e.getReason() + ")");
        }
        boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null;
        boolean local = "http".equals(uri.getScheme()) && LOCAL_HOSTS.contains(uri.getHost());
        if (!https && !local) {
            throw new InvalidSpecException("url",
                    "must be an https URL; plain http is allowed only for localhost and 127.0.0.1");
        }
    }
}
