package io.meshcanary.cli;

import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A canary spec file, checked offline by the product's own validation ({@link CanarySpec#parse}): the schema, then
 * the rules between fields.
 *
 * @param source the document as read
 * @param problem the first error, naming its field, or null when the spec is valid
 */
record SpecFile(Path file, String source, InvalidSpecException problem) {

    static SpecFile read(Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw CliException.badInput("cannot read the spec file %s (%s)".formatted(file, e.getMessage()));
        }
        try {
            CanarySpec.parse(source);
            return new SpecFile(file, source, null);
        } catch (InvalidSpecException e) {
            return new SpecFile(file, source, e);
        }
    }

    boolean valid() {
        return problem == null;
    }

    /** {@code orders.json: steps.weights[2]: must be greater than the weight before it (50), was 20}. */
    String error() {
        return file + ": " + problem.getMessage();
    }
}
