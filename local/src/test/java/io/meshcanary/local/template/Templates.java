package io.meshcanary.local.template;

import io.meshcanary.local.TestRuntimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Templates for tests: the project's own, and small ones written from YAML text. */
final class Templates {
    static final StackEnvironment ENVIRONMENT = new StackEnvironment("meshcanary", "us-east-1",
            StackEnvironment.LOCAL_ACCOUNT_ID, URI.create("http://localhost:4566"));
    static final Map<String, String> PROJECT_PARAMETERS = Map.of(
            "MeshName", "local-mesh", "ClusterName", "local-cluster", "CloudMapNamespaceId", "ns-local00000000");

    private Templates() {
    }

    /** The project's template.yaml as cfn-lint's decoder reads it (short-form tags in their long form). */
    static Template project() {
        return translatedProject().decoded();
    }

    /** The project's template.yaml as SAM's tools decode and translate it, once for all tests. */
    static SamTranslation translatedProject() {
        return Project.TRANSLATION;
    }

    /** A SAM template written from YAML text, as SAM's tools decode and translate it, in {@code dir}. */
    static SamTranslation translated(Path dir, String yaml) {
        try {
            return SamTranslation.of(TestRuntimes.motoPython(), Files.writeString(dir.resolve("template.yaml"), yaml),
                    ENVIRONMENT.region(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Template fromYaml(Path dir, String yaml) {
        try {
            return TemplateReader.read(Files.writeString(dir.resolve("template.yaml"), yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The build passes the template's path, since tests run in the module's folder. */
    private static final class Project {
        static final SamTranslation TRANSLATION = translate();

        private static SamTranslation translate() {
            try {
                Path dir = Files.createTempDirectory("meshcanary-template");
                return SamTranslation.of(TestRuntimes.motoPython(),
                        Path.of(System.getProperty("meshcanary.template", "../template.yaml")), ENVIRONMENT.region(),
                        dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Stack stack(Template template, Map<String, String> parameters) {
        return Stack.create(template, parameters, ENVIRONMENT);
    }
}
