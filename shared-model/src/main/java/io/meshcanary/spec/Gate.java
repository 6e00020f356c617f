package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An approval asked for before traffic moves.
 *
 * @param target the function ARN of a lambda gate, the URL of a webhook gate, null for a manual gate
 */
public record Gate(GateType type, String target) {

    public static final Gate MANUAL = new Gate(GateType.MANUAL, null);
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    public Gate {
        Objects.requireNonNull(type, "type");
        if (type == GateType.MANUAL) {
            if (target != null) {
                throw new InvalidSpecException(Paths.DOCUMENT, "a manual gate takes no functionArn or url");
            }
        } else if (target == null || target.isBlank()) {
            throw new InvalidSpecException(type.targetField(),
                    "is required for a %s gate".formatted(type.name().toLowerCase(Locale.ROOT)));
        }
        if (type == GateType.WEBHOOK) {
            requireSafeUrl(target);
        }
    }

    public static Gate lambda(String functionArn) {
        return new Gate(GateType.LAMBDA, functionArn);
    }

    public static Gate webhook(String url) {
        return new Gate(GateType.WEBHOOK, url);
    }

    static Gate read(JsonNode gate) {
        GateType type = GateType.fromJson(gate.get("type").asText());
        return new Gate(type, type == GateType.MANUAL ? null : gate.get(type.targetField()).asText());
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
