package io.meshcanary.spec;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every per-track virtual node of an app shares: the listener, its health check and the backends.
 *
 * @param port the container port the app listens on; also the port registered in Cloud Map
 * @param backends virtual service names the app calls
 */
public record VirtualNodeTemplate(int port, String protocol, Optional<HealthCheck> healthCheck,
        List<String> backends) {

    private static final Set<String> PROTOCOLS = Set.of("http", "http2", "grpc", "tcp");

    static VirtualNodeTemplate read(JsonFields fields) {
        String protocol = fields.text("protocol", "http");
        if (!PROTOCOLS.contains(protocol)) {
            throw new InvalidSpecException(fields.pathOf("protocol"), "must be one of " + PROTOCOLS + ", was " + protocol);
        }
        return new VirtualNodeTemplate(
                fields.integer("port", 1, 65_535),
                protocol,
                fields.has("healthCheck") ? Optional.of(HealthCheck.read(fields.object("healthCheck"))) : Optional.empty(),
                fields.texts("backends"));
    }
}
