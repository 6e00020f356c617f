package io.meshcanary.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * An AWS endpoint the CLI could not connect to: the local runtime stopped (its state folder outlives it), or no
 * network to the region. Either way no call reached the stack, so it is told as a stack that cannot be found.
 */
final class Unreachable {

    private Unreachable() {
    }

    /**
     * {@code e} as the refusal to print when it failed because no connection could be made, else {@code e}. The
     * adapters wrap the SDK's error with the resource it was about, so the whole chain is searched.
     */
    static Exception told(Exception e, String stackName, Map<String, String> env) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return CliException.badInput(where(stackName, env) + " (" + cause.getMessage() + ")");
            }
        }
        return e;
    }

    private static String where(String stackName, Map<String, String> env) {
        String runtimeDir = env.get(StackLocator.RUNTIME_DIR);
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            return ("cannot reach the local runtime of %s: it is no longer running. Start one with"
                    + " local/bin/with-runtime -- bin/meshcanary ..., or point %s at a running one").formatted(
                    runtimeDir, StackLocator.RUNTIME_DIR);
        }
        return ("cannot reach AWS for stack %s: check the network, a proxy, the region and AWS_ENDPOINT_URL if it is"
                + " set").formatted(stackName);
    }
}
