package io.meshcanary.cli;

import io.meshcanary.cli.Operator.App;
import io.meshcanary.spec.CanarySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * The run {@code bin/meshcanary} records its class-data archive (AppCDS) from, once per build: it loads what the
 * verbs load (picocli and every verb's help, the spec validation, each AWS client's request path up to the wire, the
 * JSON of records and output) so that the archive serves whichever verb runs first. It calls no AWS: the script
 * points the SDK at a closed local port with one attempt, so every request fails at once.
 */
final class ArchiveTraining {

    private static final List<String> VERBS = List.of("status", "watch", "history", "promote", "abort", "approve",
            "retry", "lint", "judge", "onboard", "resync");

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        VERBS.forEach(verb -> MeshCanary.run(new String[] {verb, "--help"}, nowhere, nowhere, Map.of(), false));
        Path runtime = Files.createTempDirectory("meshcanary-training");
        try {
            Files.writeString(runtime.resolve("resources.json"), """
                    {"region": "us-east-1", "parameters": {"ClusterName": "c", "SpecParameterPrefix": "/p"},
                     "resources": {"RolloutTable": {"ref": "t"}, "RolloutEventBus": {"ref": "b"},
                                   "CanaryStateMachine": {"ref": "arn:aws:states:us-east-1:1:stateMachine:m"},
                                   "ResyncFunction": {"ref": "f"}}}""");
            Map<String, String> env = Map.of(StackLocator.RUNTIME_DIR, runtime.toString());
            MeshCanary.run(new String[] {"status", "--output", "json"}, nowhere, nowhere, env, false);
            MeshCanary.run(new String[] {"resync", "c/a"}, nowhere, nowhere, env, false);
            MeshCanary.run(new String[] {"approve", "c/a"}, nowhere, nowhere, env, false);
            Operator operator = new Operator(StackLocator.fromRuntime(runtime));
            CanarySpec spec = parsedPrimer();
            attempt(() -> operator.record(new App("c", "a")));
            attempt(() -> operator.routedWeights(new App("c", "a"), spec));
            attempt(() -> operator.reads(new App("c", "a"), spec));
            attempt(() -> operator.store.ended("c/a"));
            attempt(() -> StackLocator.fromOutputs("s", Region.US_EAST_1));
        } finally {
            Files.deleteIfExists(runtime.resolve("resources.json"));
            Files.deleteIfExists(runtime);
        }
    }

    private static CanarySpec parsedPrimer() {
        try {
            CanarySpec.prime();
            return CanarySpec.parse("""
                    {"router": {"type": "appmesh", "mesh": "m", "virtualRouter": "r", "route": "r",
                                "cloudMap": {"namespace": "n", "service": "s"}, "virtualNode": {"port": 80}},
                     "steps": {"weights": [50]}}""");
        } catch (RuntimeException e) {
            throw new IllegalStateException("the training spec is invalid", e);
        }
    }

    /** Each call fails at the closed port; what it loaded on the way is the point. */
    private static void attempt(Supplier<?> call) {
        try {
            call.get();
        } catch (SdkException | CliException | UncheckedIOException expected) {
            // Refused connection, as intended.
        }
    }
}
