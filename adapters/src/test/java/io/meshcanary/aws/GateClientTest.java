package io.meshcanary.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.rollout.GateDecision;
import io.meshcanary.spec.Gate;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A webhook gate's reasons reach the record, the bus and the execution's output: its URL's token must not. */
class GateClientTest {

    @Test
    void unreachableWebhookIsClosedAndItsReasonCarriesNoToken() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://bot:s3cret@127.0.0.1:%d/release?token=s3cret".formatted(closedPort);

        GateDecision decision = new GateClient(null).ask(Gate.webhook(url), "{}");

        assertThat(decision.open()).isFalse();
        assertThat(decision.reason()).startsWith("webhook http://REDACTED@127.0.0.1:%d/release?REDACTED unreachable"
                .formatted(closedPort)).doesNotContain("s3cret");
    }
}
