package io.meshcanary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Starts runtimes on the test template, with the moto that local/bin/install-moto installs. */
public final class TestRuntimes {
    static final Map<String, String> PARAMETERS = Map.of("Audience", "tests");

    private TestRuntimes() {
    }

    static RuntimeOptions options(Path stateDir, List<String> command) {
        return new RuntimeOptions(resource("runtime/template.yaml"), PARAMETERS, motoPython(), stateDir, true,
                command, true);
    }

    /** An SDK client of the runtime at {@code endpoint}, whatever AWS_ENDPOINT_URL says. */
    static <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(URI endpoint, B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static Path resource(String name) {
        try {
            return Path.of(TestRuntimes.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The moto venv's python: -Dmeshcanary.moto.python or $MESHCANARY_MOTO_PYTHON if set, else the venv that
     * local/bin/install-moto keeps in the cache, if it was built from the current requirements.txt. A missing
     * emulator fails the tests rather than skipping them, so that a green build always means they ran.
     */
    public static Path motoPython() {
        Optional<String> given = Optional.ofNullable(System.getProperty("meshcanary.moto.python"))
                .or(() -> Optional.ofNullable(System.getenv("MESHCANARY_MOTO_PYTHON")));
        if (given.isPresent()) {
            return Path.of(given.get());
        }
        // The same folder as local/bin/common.sh: $HOME, which Java's user.home (read from the password file) is not.
        Path cache = Optional.ofNullable(System.getenv("MESHCANARY_CACHE")).map(Path::of)
                .orElse(Path.of(Optional.ofNullable(System.getenv("HOME")).orElse(System.getProperty("user.home")),
                        ".cache", "meshcanary"));
        Path venv = cache.resolve("moto-venv");
        String wanted = sha256(Path.of(System.getProperty("meshcanary.requirements", "requirements.txt")));
        boolean current = wanted.equals(read(venv.resolve(".requirements.sha256")));
        if (!current || !Files.isExecutable(venv.resolve("bin/python"))) {
            throw new IllegalStateException(("no moto venv for the current local/requirements.txt at %s:"
                    + " run local/bin/install-moto first (or set MESHCANARY_MOTO_PYTHON)").formatted(venv));
        }
        return venv.resolve("bin/python");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
