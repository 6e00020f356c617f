package io.meshcanary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself, offline: help on every verb, exit codes of bad usage, completion, finding the stack. */
class MeshCanaryTest {

    private static final List<String> VERBS = List.of("status", "watch", "history", "promote", "abort", "approve",
            "retry", "lint", "onboard", "resync");

    @TempDir
    Path folder;

    @Test
    void everyVerbHasHelp() {
        for (String verb : VERBS) {
            Run run = Run.cli(Map.of(), verb, "--help");

            assertThat(run.exitCode()).as(verb).isZero();
            assertThat(run.out()).as(verb).startsWith("Usage: meshcanary " + verb).contains("--help");
        }
    }

    @Test
    void readingVerbsOfferJsonOutput() {
        for (String verb : List.of("status", "watch", "history", "lint", "resync")) {
            assertThat(Run.cli(Map.of(), verb, "--help").out()).as(verb).contains("--output=FORMAT");
        }
    }

    @Test
    void badUsageExitsTwoAndSaysWhat() {
        Run unknownOption = Run.cli(Map.of(), "status", "--colour");
        Run noCommand = Run.cli(Map.of());
        Run missingOption = Run.cli(Map.of(), "onboard", "--cluster", "shop");

        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--colour'");
        assertThat(noCommand.exitCode()).isEqualTo(2);
        assertThat(noCommand.err()).contains("name a command");
        assertThat(missingOption.exitCode()).isEqualTo(2);
        assertThat(missingOption.err()).contains("Missing required options").contains("--service");
    }

    @Test
    void generatesBashCompletionForEveryVerb() {
        Run run = Run.cli(Map.of(), "generate-completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F _complete_meshcanary");
        VERBS.forEach(verb -> assertThat(run.out()).as(verb).contains(verb));
    }

    @Test
    void aRuntimeFolderWithoutResourcesIsBadInputThatSaysHowToStartOne() {
        Run run = Run.cli(Map.of(StackLocator.RUNTIME_DIR, folder.toString()), "status");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(folder.resolve("resources.json").toString())
                .contains("local/bin/with-runtime -- bin/meshcanary");
    }

    @Test
    void theStackIsFoundInTheRuntimeFolder() throws IOException {
        writeRuntimeResources();

        Stack stack = StackLocator.fromRuntime(folder);

        assertThat(stack).isEqualTo(new Stack("local runtime " + folder, "eu-west-1", "local-cluster", "/specs",
                "rollouts", "arn:aws:states:eu-west-1:1:stateMachine:canary", "bus", "resync"));
    }

    /**
     * The runtime's folder outlives the runtime: its endpoint then refuses connections, which every verb that calls
     * AWS must tell as such (exit 2, as for a stack that cannot be found), not as a credentials problem.
     */
    @Test
    void aStoppedRuntimeIsBadInputThatSaysSoForEveryVerb() throws IOException {
        writeRuntimeResources();
        Path spec = Path.of("..", "examples", "orders.canary.json").toAbsolutePath().normalize();
        Map<String, String> settings = Map.of("aws.endpointUrl", "http://127.0.0.1:" + closedPort(),
                "aws.accessKeyId", "test", "aws.secretAccessKey", "test");
        Map<String, String> before = new HashMap<>();
        settings.forEach((key, value) -> before.put(key, System.setProperty(key, value)));
        try {
            for (List<String> args : List.of(List.of("status"), List.of("watch", "shop/orders"),
                    List.of("history", "shop/orders"), List.of("promote", "shop/orders"),
                    List.of("abort", "shop/orders"), List.of("approve", "shop/orders"), List.of("retry", "shop/orders"),
                    List.of("offboard", "shop/orders"), List.of("resync"),
                    List.of("onboard", "--cluster", "local-cluster", "--service", "orders", "--spec", spec.toString()))) {
                Run run = Run.cli(Map.of(StackLocator.RUNTIME_DIR, folder.toString()), args.toArray(String[]::new));

                assertThat(run.exitCode()).as(args + ": " + run.err()).isEqualTo(2);
                assertThat(run.err()).as(args.toString()).contains("cannot reach the local runtime")
                        .contains(folder.toString()).contains("local/bin/with-runtime")
                        .doesNotContain("check the credentials");
            }
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    /** A port nothing listens on: one the system just handed out and that was closed again. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void writeRuntimeResources() throws IOException {
        Files.writeString(folder.resolve("resources.json"), """
                {"region": "eu-west-1",
                 "parameters": {"ClusterName": "local-cluster", "SpecParameterPrefix": "/specs"},
                 "resources": {"RolloutTable": {"ref": "rollouts"},
                               "CanaryStateMachine": {"ref": "arn:aws:states:eu-west-1:1:stateMachine:canary"},
                               "RolloutEventBus": {"ref": "bus"}, "ResyncFunction": {"ref": "resync"}}}""");
    }

    @Test
    void aRuntimeOfAnotherTemplateNamesTheMissingResource() throws IOException {
        Files.writeString(folder.resolve("resources.json"), """
                {"region": "eu-west-1", "parameters": {}, "resources": {"RolloutTable": {"ref": "rollouts"}}}""");

        Run run = Run.cli(Map.of(StackLocator.RUNTIME_DIR, folder.toString()), "status");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no resource CanaryStateMachine");
    }
}
