package io.meshcanary.registry;

/** The address and port at which a task serves the app's listener. */
public record Endpoint(String address, int port) {
}
