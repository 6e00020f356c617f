package io.meshcanary.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * moto in server mode, on a port of its own. MOTO_PORT is the proxy's port: moto's Step Functions interpreter
 * sends its Lambda invokes and SDK integrations to localhost:MOTO_PORT, where they must reach the functions.
 */
final class MotoServer implements AutoCloseable {
    /** Runs state machines for real, and invokes Lambda over HTTP (through the proxy) instead of in Docker. */
    private static final String CONFIG = """
            {"stepfunctions": {"execute_state_machine": true}, "lambda": {"use_docker": false}}""";
    /**
     * moto advances an ECS task one lifecycle state every time it is described, so a RUNNING task would drain after
     * the registry's first DescribeTasks. Here tasks stay where StopTask or the ECS simulator put them.
     */
    private static final String TASKS_KEEP_THEIR_STATE = """
            {"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000000}}""";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final String LAUNCHER = "moto_launcher.py";
    /** Python modules beside the launcher, each a stand-in (or moto_speed, a cache) the launcher imports by name. */
    private static final List<String> STAND_IN_MODULES = List.of("aws_limits.py", "alb_rules.py", "metric_math.py",
            "cfn_types.py", "moto_speed.py");

    private final ChildProcess process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MotoServer(ChildProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static MotoServer start(Path python, LoopbackPort port, int proxyPort, Map<String, String> awsVariables,
            Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(python.toString(), "-c", resource(LAUNCHER), "-H", "127.0.0.1",
                "-p", String.valueOf(port.port()));
        AwsEnvironment.replaceAwsVariables(builder.environment(), awsVariables);
        builder.environment().put("PYTHONPATH", standInModules(logFile.resolveSibling("moto-stand-ins")).toString());
        builder.environment().put("MOTO_PORT", String.valueOf(proxyPort));
        port.close();
        return new MotoServer(ChildProcess.start("moto", builder, logFile),
                URI.create("http://127.0.0.1:" + port.port()));
    }

    URI endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until moto answers, then configures it; its first start compiles Python and can take seconds. */
    void awaitReadyAndConfigure(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            process.requireAlive("starting");
            try {
                configure("/moto-api/config", CONFIG);
                configure("/moto-api/state-manager/set-transition", TASKS_KEEP_THEIR_STATE);
                return;
            } catch (ConnectException notListeningYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("moto did not listen on %s within %s; end of its log:%n%s"
                            .formatted(endpoint, timeout, process.tail()));
                }
                Sleep.forAWhile(POLL_INTERVAL);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot configure moto at " + endpoint, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
        }
    }

    private void configure(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("moto refused its configuration %s: %d %s"
                    .formatted(path, response.statusCode(), response.body()));
        }
    }

    /** The stand-in modules, where the launcher's imports find them. */
    private static Path standInModules(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String module : STAND_IN_MODULES) {
                Files.writeString(directory.resolve(module), resource(module));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stand-in modules to " + directory, e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = MotoServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
