package io.meshcanary.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A file of samples for {@code meshcanary judge}: a JSON array of numbers, or one number per line. */
final class SampleFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleFile() {
    }

    /** @throws CliException naming the file and the first entry that is not a finite number */
    static double[] read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw CliException.badInput("%s: no such file".formatted(file));
        } catch (IOException e) {
            throw CliException.badInput("%s: cannot be read (%s)".formatted(file, e.getMessage()));
        }
        return text.stripLeading().startsWith("[") ? array(file, text) : lines(file, text);
    }

    private static double[] array(Path file, String text) {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw CliException.badInput("%s: is not a JSON array of numbers (%s)".formatted(file,
                    e.getOriginalMessage()));
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i);
            if (!value.isNumber()) {
                throw CliException.badInput("%s: item %d is %s, not a number".formatted(file, i, value));
            }
            values[i] = finite(file, "item " + i, value.asText(), value.doubleValue());
        }
        return values;
    }

    private static double[] lines(Path file, String text) {
        List<String> lines = text.lines().toList();
        double[] values = new double[lines.size()];
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                values[count++] = finite(file, "line " + (i + 1), line, Double.parseDouble(line));
            } catch (NumberFormatException e) {
                throw CliException.badInput("%s: line %d is \"%s\", not a number".formatted(file, i + 1, line));
            }
        }
        return Arrays.copyOf(values, count);
    }

    private static double finite(Path file, String where, String text, double value) {
        if (!Double.isFinite(value)) {
            throw CliException.badInput("%s: %s is %s, not a finite number".formatted(file, where, text));
        }
        return value;
    }
}
