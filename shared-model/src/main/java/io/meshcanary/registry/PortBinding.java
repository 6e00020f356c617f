package io.meshcanary.registry;

/** A container port published on the host (bridge or host networking). */
public record PortBinding(String bindIp, int containerPort, int hostPort) {

    /** Whether the binding listens on every host address, so the host's own address must be looked up. */
    boolean wildcard() {
        return bindIp == null || bindIp.isBlank() || bindIp.equals("0.0.0.0") || bindIp.equals("::");
    }
}
