package io.meshcanary.local.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.FunctionLogFile;
import io.meshcanary.local.sdk.AwsCallLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The function host's log ({@code functions.log} in the runtime's state folder), read for what became of one event
 * put on the bus: the host logs each delivery with the event's id and the request id of its invocation, and every
 * line an invocation writes, its platform report and its AWS calls carry that request id.
 */
final class FunctionHostLog {

    /** Operations that change nothing; every other AWS call of a function is a write. */
    private static final List<String> READ_PREFIXES = List.of("Describe", "List", "Get", "Scan", "Query",
            "BatchGet", "Discover", "Receive");
    private static final Set<String> GIVEN_UP = Set.of("local.deadLettered", "local.asyncDiscarded");

    private final Path file;

    FunctionHostLog(Path file) {
        this.file = file;
    }

    /** The invocations the event with id {@code eventId} has caused so far, one per rule that matched it. */
    List<Invocation> invocationsOf(String eventId) {
        List<JsonNode> lines = FunctionLogFile.lines(file);
        return lines.stream()
                .filter(line -> line.path("type").asText().equals("local.eventDelivered")
                        && line.path("eventId").asText().equals(eventId))
                .map(delivery -> invocation(lines, delivery.path("function").asText(),
                        delivery.path("requestId").asText()))
                .toList();
    }

    private static Invocation invocation(List<JsonNode> lines, String function, String requestId) {
        List<JsonNode> reports = lines.stream().filter(line -> line.path("type").asText().equals("platform.report")
                && line.path("requestId").asText().equals(requestId)).toList();
        Optional<JsonNode> givenUp = lines.stream().filter(line -> GIVEN_UP.contains(line.path("type").asText())
                && line.path("requestId").asText().equals(requestId)).findFirst();
        // The handlers' own lines that say what they decided (an action) or why they rejected the event.
        List<JsonNode> outcomes = lines.stream().filter(line -> line.path("function_request_id").asText()
                .equals(requestId) && (line.has("action") || line.path("level").asText().equals("ERROR"))).toList();
        String thread = AwsCallLog.invocationThread(requestId);
        List<AwsCall> calls = lines.stream().filter(line -> line.path("type").asText().equals("local.awsCall")
                        && line.path("thread").asText().equals(thread))
                .map(line -> new AwsCall(line.path("service").asText(), line.path("operation").asText())).toList();
        return new Invocation(function, requestId, reports, givenUp, outcomes, calls);
    }

    record AwsCall(String service, String operation) {
        boolean write() {
            return READ_PREFIXES.stream().noneMatch(operation::startsWith);
        }

        @Override
        public String toString() {
            return service + " " + operation;
        }
    }

    /**
     * One function's handling of the event: every attempt's report (Lambda retries a failed asynchronous
     * invocation), the dead letter if it gave up, the handler's outcome lines and its AWS calls.
     */
    record Invocation(String function, String requestId, List<JsonNode> reports, Optional<JsonNode> givenUp,
            List<JsonNode> outcomes, List<AwsCall> calls) {

        boolean finished() {
            return givenUp.isPresent() || reports.stream()
                    .anyMatch(report -> report.path("status").asText().equals("success"));
        }

        List<AwsCall> writes() {
            return calls.stream().filter(AwsCall::write).toList();
        }

        List<AwsCall> reads() {
            return calls.stream().filter(call -> !call.write()).toList();
        }
    }
}
