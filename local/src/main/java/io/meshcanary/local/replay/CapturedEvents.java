package io.meshcanary.local.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * EventBridge events read from files, as captured in an account (for example by a rule that targets a log group) or
 * as in {@code events/}: a file holds one event or a JSON array of events. Every file is read and checked before any
 * event is replayed, so that bad input puts nothing on the bus.
 */
public final class CapturedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One event, and where it came from.
     *
     * @param where the event's place in its file, e.g. {@code event 2 of 3}; empty for a file of one event
     */
    public record CapturedEvent(Path file, String where, JsonNode event) {

        /** The file, and the event's place in it if the file holds several. */
        public String origin() {
            return where.isEmpty() ? file.toString() : file + ", " + where;
        }

        public String detailType() {
            return event.get("detail-type").asText();
        }

        public String source() {
            return event.get("source").asText();
        }
    }

    private CapturedEvents() {
    }

    /**
     * The events of every file, in order.
     *
     * @throws BadCaptureException naming each file and what is wrong with it
     */
    public static List<CapturedEvent> read(List<Path> files) {
        if (files.isEmpty()) {
            throw new BadCaptureException(List.of("no file given: usage: replay FILE..."));
        }
        List<CapturedEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                events.addAll(read(file));
            } catch (BadCaptureException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadCaptureException(problems);
        }
        return events;
    }

    private static List<CapturedEvent> read(Path file) {
        JsonNode content = parse(file);
        if (content.isArray()) {
            if (content.isEmpty()) {
                throw new BadCaptureException(List.of(file + ": the array holds no event"));
            }
            List<CapturedEvent> events = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < content.size(); i++) {
                String where = "event %d of %d".formatted(i + 1, content.size());
                String problem = problem(content.get(i));
                if (problem == null) {
                    events.add(new CapturedEvent(file, where, content.get(i)));
                } else {
                    problems.add("%s: %s: %s".formatted(file, where, problem));
                }
            }
            if (!problems.isEmpty()) {
                throw new BadCaptureException(problems);
            }
            return events;
        }
        String problem = problem(content);
        if (problem != null) {
            throw new BadCaptureException(List.of(file + ": " + problem));
        }
        return List.of(new CapturedEvent(file, "", content));
    }

    private static JsonNode parse(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BadCaptureException(List.of(file + ": no such file"));
        } catch (JsonProcessingException e) {
            throw new BadCaptureException(List.of("%s: not valid JSON at line %d, column %d: %s".formatted(file,
                    e.getLocation().getLineNr(), e.getLocation().getColumnNr(), e.getOriginalMessage())));
        } catch (IOException e) {
            throw new BadCaptureException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
    }

    /** What keeps {@code event} from being an EventBridge event, or null if nothing does. */
    private static String problem(JsonNode event) {
        if (event == null || !event.isObject()) {
            return "not an EventBridge event: expected a JSON object with source, detail-type and detail";
        }
        List<String> wrong = new ArrayList<>();
        for (String field : List.of("source", "detail-type")) {
            if (!event.has(field)) {
                wrong.add(field + " is missing");
            } else if (!event.get(field).isTextual() || event.get(field).asText().isBlank()) {
                wrong.add(field + " is not a non-empty string");
            }
        }
        if (!event.has("detail")) {
            wrong.add("detail is missing");
        } else if (!event.get("detail").isObject()) {
            wrong.add("detail is not an object");
        }
        if (!wrong.isEmpty()) {
            return "not an EventBridge event: " + String.join("; ", wrong);
        }
        JsonNode resources = event.get("resources");
        if (resources != null && !(resources.isArray() && allTextual(resources))) {
            return "resources must be an array of strings (ARNs)";
        }
        return null;
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
