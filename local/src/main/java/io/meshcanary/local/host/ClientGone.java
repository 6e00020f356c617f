package io.meshcanary.local.host;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The caller hung up before its request had arrived whole (a test's traffic thread stopped mid-call, say): the
 * caller's doing, not the runtime's fault, so the proxy logs it as a warning and local/bin/fault-free lets it pass.
 */
final class ClientGone extends IOException {

    private ClientGone(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** The request's body, whole. */
    static byte[] requestBody(HttpExchange exchange) throws ClientGone {
        try {
            return exchange.getRequestBody().readAllBytes();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }
}
