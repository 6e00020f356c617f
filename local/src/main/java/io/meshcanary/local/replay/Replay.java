package io.meshcanary.local.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.FunctionLogFile;
import io.meshcanary.local.bus.BusEntries;
import io.meshcanary.local.replay.CapturedEvents.CapturedEvent;
import io.meshcanary.local.replay.FunctionHostLog.AwsCall;
import io.meshcanary.local.replay.FunctionHostLog.Invocation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code local/bin/replay FILE...}: puts captured EventBridge events, one after the other, on the local runtime's
 * default bus, where the template's rules route them to the real functions, and shows what each function did with
 * each: its outcome, its attempts, and the AWS calls it made. Events are put as they are; only their id and time
 * are new, as for any event put on a bus.
 */
public final class Replay {

    /** moto routes an event to its rules' queues at once; a delivery not seen by then means no rule matched. */
    private static final Duration NO_MATCH_AFTER = Duration.ofSeconds(3);
    /** Longer than a function's timeout and its retries. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);
    /** Other rules' deliveries of the same event may land a moment after the first one. */
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Function<JsonNode, String> bus;
    private final FunctionHostLog log;
    private final PrintStream out;

    /** @param bus puts an event on the bus and returns the id the bus gave it */
    Replay(Function<JsonNode, String> bus, FunctionHostLog log, PrintStream out) {
        this.bus = bus;
        this.log = log;
        this.out = out;
    }

    /** Usage: Replay [--check] FILE... With --check, only reads and checks the files. */
    public static void main(String[] args) throws InterruptedException {
        boolean checkOnly = args.length > 0 && args[0].equals("--check");
        List<Path> files = Arrays.stream(args).skip(checkOnly ? 1 : 0).map(Path::of).toList();
        if (checkOnly) {
            System.exit(check(files) ? 0 : 2);
        }
        System.exit(ofRuntime(System.out).run(files) ? 0 : 2);
    }

    /**
     * A replay on the local runtime the environment names: its endpoint ({@code AWS_ENDPOINT_URL}, read by the SDK)
     * and its state folder ({@code MESHCANARY_RUNTIME_DIR}), where the function host's log is.
     */
    public static Replay ofRuntime(PrintStream out) {
        String state = System.getenv("MESHCANARY_RUNTIME_DIR");
        if (state == null) {
            throw new IllegalStateException("MESHCANARY_RUNTIME_DIR is not set: replay with local/bin/replay");
        }
        EventBridgeClient events = EventBridgeClient.builder()
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        return new Replay(event -> BusEntries.put(events, event), new FunctionHostLog(
                FunctionLogFile.in(Path.of(state))), out);
    }


    /** Replays every event of {@code files}, or none if any file is bad; false when one was. */
    public boolean run(List<Path> files) throws InterruptedException {
        List<CapturedEvent> events;
        try {
            events = CapturedEvents.read(files);
        } catch (BadCaptureException e) {
            printProblems(e);
            return false;
        }
        out.printf("replaying %d event(s) on the local runtime's default bus%n", events.size());
        for (int i = 0; i < events.size(); i++) {
            CapturedEvent event = events.get(i);
            out.printf("%n[%d/%d] %s: %s from %s%n", i + 1, events.size(), event.origin(), event.detailType(),
                    event.source());
            String eventId = bus.apply(event.event());
            show(awaitHandled(eventId));
        }
        return true;
    }

    private static boolean check(List<Path> files) {
        try {
            CapturedEvents.read(files);
            return true;
        } catch (BadCaptureException e) {
            printProblems(e);
            return false;
        }
    }

    private static void printProblems(BadCaptureException e) {
        System.err.println("replay: nothing was put on the bus, because:");
        e.problems().forEach(problem -> System.err.println("  " + problem));
    }

    /** The event's invocations once each has succeeded or been given up on, and no other has come. */
    private List<Invocation> awaitHandled(String eventId) throws InterruptedException {
        long start = System.nanoTime();
        List<Invocation> seen = List.of();
        long settledSince = start;
        while (System.nanoTime() - start < GIVE_UP_AFTER.toNanos()) {
            List<Invocation> now = log.invocationsOf(eventId);
            if (now.size() != seen.size() || !now.stream().allMatch(Invocation::finished)) {
                settledSince = System.nanoTime();
            }
            seen = now;
            boolean settled = System.nanoTime() - settledSince >= SETTLE.toNanos();
            if (seen.isEmpty() ? System.nanoTime() - start >= NO_MATCH_AFTER.toNanos() : settled) {
                return seen;
            }
            Thread.sleep(POLL);
        }
        return seen;
    }

    private void show(List<Invocation> invocations) {
        if (invocations.isEmpty()) {
            out.println("  no rule of the stack matched it: no function ran");
        }
        for (Invocation invocation : invocations) {
            out.printf("  %s: %s%n", invocation.function(), attempts(invocation));
            invocation.outcomes().forEach(outcome -> out.printf("    %s%n", outcome(outcome)));
            List<AwsCall> writes = invocation.writes();
            out.printf("    AWS writes: %s%n", writes.isEmpty() ? "none" : join(writes));
            out.printf("    AWS reads: %s%n", invocation.reads().isEmpty() ? "none" : join(invocation.reads()));
        }
    }

    private static String attempts(Invocation invocation) {
        String tries = invocation.reports().stream()
                .map(report -> "%s in %.0f ms".formatted(report.path("status").asText(),
                        report.path("durationMs").asDouble()))
                .collect(Collectors.joining(", then "));
        String ending = invocation.givenUp()
                .map(line -> "; given up, to the dead-letter queue: " + line.path("errorMessage").asText(
                        line.path("reason").asText()))
                .orElse(invocation.finished() ? "" : "; still running");
        return (tries.isEmpty() ? "not run yet" : tries) + ending;
    }

    /** A handler's outcome line: its message, then its action or the field it rejected. */
    private static String outcome(JsonNode line) {
        StringBuilder text = new StringBuilder(line.path("message").asText());
        for (String field : List.of("action", "field", "reason")) {
            if (line.hasNonNull(field)) {
                text.append(", ").append(field).append(' ').append(line.get(field).asText());
            }
        }
        return text.toString();
    }

    private static String join(List<AwsCall> calls) {
        return calls.stream().map(AwsCall::toString).collect(Collectors.joining(", "));
    }
}
