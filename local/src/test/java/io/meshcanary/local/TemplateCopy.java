package io.meshcanary.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A copy of the project's template.yaml, with its state machine's definition beside it, changed as a test needs. */
public final class TemplateCopy {
    /** The repository's root; the build passes the template's path, since tests run in the module's folder. */
    public static final Path REPOSITORY = Path.of(System.getProperty("meshcanary.template", "../template.yaml"))
            .toAbsolutePath().getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSLATOR = "/io/meshcanary/local/sam_translate.py";

    private TemplateCopy() {
    }

    /**
     * @return the changed copy's template.yaml, in a new folder under {@code dir}: the long form of the template (JSON,
     *     which is YAML too), which the runtime reads as it reads the short form
     */
    public static Path of(Path dir, Consumer<JsonNode> change) throws IOException {
        JsonNode template = decoded(REPOSITORY.resolve("template.yaml"));
        change.accept(template);
        Path copy = Files.createTempDirectory(dir, "stack");
        Files.createDirectories(copy.resolve("statemachines"));
        JSON.writerWithDefaultPrettyPrinter().writeValue(copy.resolve("template.yaml").toFile(), template);
        Files.copy(REPOSITORY.resolve("statemachines/canary.asl.json"),
                copy.resolve("statemachines/canary.asl.json"));
        return copy.resolve("template.yaml");
    }

    /** The template with its short-form tags (!Ref, !Sub) decoded into their long form by cfn-lint's decoder. */
    public static JsonNode decoded(Path template) throws IOException {
        String script;
        try (InputStream in = TemplateCopy.class.getResourceAsStream(TRANSLATOR)) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Process process = new ProcessBuilder(TestRuntimes.motoPython().toString(), "-c", script, "--decode",
                template.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode decoded = JSON.readTree(process.getInputStream());
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("cfn-lint's decoder refused " + template);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        return decoded;
    }
}
