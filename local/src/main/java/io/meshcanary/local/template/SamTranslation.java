package io.meshcanary.local.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The template as {@code sam deploy} reads it, made by SAM's own tools in the moto venv (local/requirements.txt pins
 * them), as JSON files: {@code decoded} is template.yaml with its short-form tags decoded by cfn-lint's decoder,
 * {@code translated} the plain CloudFormation that SAM's translator makes of it, with the policy templates expanded
 * by SAM itself, which the runtime deploys.
 */
public record SamTranslation(Path decoded, Path translated) {
    private static final String SCRIPT = "/io/meshcanary/local/sam_translate.py";
    private static final long TIMEOUT_SECONDS = 120;

    /**
     * @param python the moto venv's python, where aws-sam-translator and cfn-lint are installed
     * @param region the stack's region, which the translator puts in the ARNs it builds
     * @param workDir where the decoded and translated templates are written, for the runtime's logs
     */
    public static SamTranslation of(Path python, Path template, String region, Path workDir) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        // The translator opens a boto3 session for the region: a caller's AWS profile or endpoint must not reach it.
        run(python, Map.of("AWS_DEFAULT_REGION", region), workDir.resolve("sam-translate.err"),
                "SAM's translator on " + template, template.toString(), workDir.toString());
        return new SamTranslation(workDir.resolve("decoded.json"), workDir.resolve("translated.json"));
    }

    /**
     * Runs sam_translate.py with {@code arguments} and only the AWS variables given, and answers what it printed.
     *
     * @param step what runs, as an error names it
     */
    public static String run(Path python, Map<String, String> awsVariables, Path errors, String step,
            String... arguments) {
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", script()));
        command.addAll(List.of(arguments));
        Path output = errors.resolveSibling(errors.getFileName() + ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            builder.environment().putAll(awsVariables);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TemplateException("%s did not finish within %d s".formatted(step, TIMEOUT_SECONDS));
            }
            if (process.exitValue() != 0) {
                throw new TemplateException("%s failed: %s".formatted(step, Files.readString(errors).strip()));
            }
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run %s with %s".formatted(step, python), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplateException("interrupted while running " + step, e);
        }
    }

    private static String script() {
        try (InputStream in = SamTranslation.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCRIPT, e);
        }
    }
}
