package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every per-track virtual node of an app shares: the listener, its health check and the backends.
 *
 * @param port the container port the app listens on; also the port registered in Cloud Map
 * @param protocol http, http2, grpc or tcp
 * @param backends virtual service names the app calls
 */
public record VirtualNodeTemplate(int port, String protocol, Optional<HealthCheck> healthCheck,
        List<String> backends) {

    public static final String DEFAULT_PROTOCOL = "http";

    static VirtualNodeTemplate read(JsonNode virtualNode) {
        List<String> backends = new ArrayList<>();
        virtualNode.path("backends").forEach(backend -> backends.add(backend.asText()));
        return new VirtualNodeTemplate(
                virtualNode.get("port").asInt(),
                virtualNode.path("protocol").asText(DEFAULT_PROTOCOL),
                Optional.ofNullable(virtualNode.get("healthCheck")).map(HealthCheck::read),
                List.copyOf(backends));
    }
}
