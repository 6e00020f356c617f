package io.meshcanary.local;

import io.meshcanary.local.provision.ProvisionedStack;
import io.meshcanary.local.template.SamTranslation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deploys templates as the runtime does (SAM's translator, then moto's CloudFormation) into one moto shared by the
 * tests of a JVM, each as a stack of its own name, and answers what was provisioned.
 */
public final class TestStacks {
    private static final AtomicInteger STACKS = new AtomicInteger();

    private TestStacks() {
    }

    /** @param stackPrefix the stack's name is this and a number, so that names the template derives stay apart */
    public static ProvisionedStack deploy(Path template, Map<String, String> parameters, String stackPrefix) {
        Path work = template.resolveSibling("sam");
        SamTranslation sam = SamTranslation.of(TestRuntimes.motoPython(), template, LocalRuntime.REGION, work);
        return ProvisionedStack.deploy(TestRuntimes.motoPython(), sam.translated(),
                stackPrefix + STACKS.incrementAndGet(), parameters, Shared.AWS, work);
    }

    /** The shared moto's endpoint, to read what the stacks made. */
    public static URI endpoint() {
        return URI.create(Shared.AWS.get("AWS_ENDPOINT_URL"));
    }

    /** Started on first use, stopped with the JVM. */
    private static final class Shared {
        static final Map<String, String> AWS;

        static {
            LoopbackPort port = LoopbackPort.reserve();
            AWS = AwsEnvironment.variables(URI.create("http://127.0.0.1:" + port.port()), LocalRuntime.REGION);
            try {
                Path dir = Files.createTempDirectory("meshcanary-stacks");
                MotoServer moto = MotoServer.start(TestRuntimes.motoPython(), port, port.port(), AWS,
                        dir.resolve("moto.log"));
                Runtime.getRuntime().addShutdownHook(new Thread(moto::close, "test-stacks-moto"));
                moto.awaitReadyAndConfigure(Duration.ofSeconds(60));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
