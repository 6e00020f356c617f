package io.meshcanary.local.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The template as {@code sam deploy} reads it, made by SAM's own tools in the moto venv (local/requirements.txt pins
 * them): {@code decoded} is template.yaml with its short-form tags decoded by cfn-lint's decoder, {@code translated}
 * is the plain CloudFormation that SAM's translator makes of it, with the policy templates expanded by SAM itself.
 */
public record SamTranslation(Template decoded, Template translated) {
    private static final String SCRIPT = "/io/meshcanary/local/sam_translate.py";
    private static final long TIMEOUT_SECONDS = 120;

    /**
     * @param python the moto venv's python, where aws-sam-translator and cfn-lint are installed
     * @param region the stack's region, which the translator puts in the ARNs it builds
     * @param workDir where the decoded and translated templates are written, for the runtime's logs
     */
    public static SamTranslation of(Path python, Path template, String region, Path workDir) {
        Path errors = workDir.resolve("sam-translate.err");
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(python.toString(), "-c", script(), template.toString(),
                    workDir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            // The translator opens a boto3 session for the region: a caller's AWS profile or endpoint must not reach it.
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            builder.environment().put("AWS_DEFAULT_REGION", region);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TemplateException("SAM's translator did not finish %s within %d s"
                        .formatted(template, TIMEOUT_SECONDS));
            }
            if (process.exitValue() != 0) {
                throw new TemplateException("SAM's translator refused %s: %s"
                        .formatted(template, Files.readString(errors).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run SAM's translator with " + python, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplateException("interrupted while SAM's translator read " + template, e);
        }
        // Files the template names (a DefinitionUri) stay relative to the template's own folder.
        return new SamTranslation(TemplateReader.read(workDir.resolve("decoded.json"), template),
                TemplateReader.read(workDir.resolve("translated.json"), template));
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
