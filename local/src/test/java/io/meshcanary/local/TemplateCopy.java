package io.meshcanary.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A copy of the project's template.yaml, with its state machine's definition beside it, changed as a test needs. */
public final class TemplateCopy {
    /** The repository's root; the build passes the template's path, since tests run in the module's folder. */
    public static final Path REPOSITORY = Path.of(System.getProperty("meshcanary.template", "../template.yaml"))
            .toAbsolutePath().getParent();
    private static final YAMLMapper YAML = new YAMLMapper();

    private TemplateCopy() {
    }

    /** @return the changed copy's template.yaml, in a new folder under {@code dir} */
    public static Path of(Path dir, Consumer<JsonNode> change) throws IOException {
        JsonNode template = YAML.readTree(REPOSITORY.resolve("template.yaml").toFile());
        change.accept(template);
        Path copy = Files.createTempDirectory(dir, "stack");
        Files.createDirectories(copy.resolve("statemachines"));
        YAML.writeValue(copy.resolve("template.yaml").toFile(), template);
        Files.copy(REPOSITORY.resolve("statemachines/canary.asl.json"),
                copy.resolve("statemachines/canary.asl.json"));
        return copy.resolve("template.yaml");
    }
}
