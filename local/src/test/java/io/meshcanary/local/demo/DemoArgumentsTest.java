package io.meshcanary.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.local.ScriptRun;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code local/bin/demo} and {@code local/bin/playground} answer a bad or a help request before they build anything
 * or start the runtime: the runtime's own lines ({@code meshcanary-local: ...}) never appear, and the answer comes at
 * once.
 */
class DemoArgumentsTest {

    private static final long PATIENCE_SECONDS = 5;

    @Test
    void anUnknownRouterIsRefusedBeforeTheRuntimeStarts() throws Exception {
        ScriptRun result = run("local/bin/demo", "--router", "nginx");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown router nginx: use one of alb, vpc-lattice, appmesh",
                "usage: local/bin/demo").doesNotContain("meshcanary-local");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnknownArgumentIsRefusedBeforeTheRuntimeStarts() throws Exception {
        ScriptRun result = run("local/bin/demo", "--fast");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown argument --fast", "usage: local/bin/demo")
                .doesNotContain("meshcanary-local");
    }

    @Test
    void serviceConnectWithoutTheNativeModeAndAnUnknownModeAreRefused() throws Exception {
        ScriptRun serviceConnect = run("local/bin/demo", "--router", "service-connect");
        ScriptRun mode = run("local/bin/demo", "--mode", "twin");
        ScriptRun nativeMesh = run("local/bin/demo", "--mode", "native", "--router", "appmesh");

        assertThat(serviceConnect.exitCode()).isEqualTo(2);
        assertThat(serviceConnect.err()).contains("--router service-connect needs --mode native");
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).contains("unknown mode twin");
        assertThat(nativeMesh.exitCode()).isEqualTo(2);
        assertThat(nativeMesh.err()).contains("--mode native runs behind alb or service-connect, not appmesh");
    }

    @Test
    void helpIsAnsweredWithoutStartingTheRuntime() throws Exception {
        ScriptRun result = run("local/bin/demo", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("usage: local/bin/demo [--router alb|vpc-lattice|appmesh]")
                .contains("v2 is promoted", "local/bin/playground");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void thePlaygroundRefusesAnUnknownVerbAndABehaviourItDoesNotKnow() throws Exception {
        ScriptRun verb = run("local/bin/playground", "begin");
        ScriptRun behaviour = run("local/bin/playground", "deploy", "3", "flaky");
        ScriptRun revision = run("local/bin/playground", "deploy", "three");

        assertThat(verb.exitCode()).isEqualTo(2);
        assertThat(verb.err()).contains("unknown command begin", "usage: local/bin/playground");
        assertThat(behaviour.exitCode()).isEqualTo(2);
        assertThat(behaviour.err()).contains("unknown behaviour flaky: use one of healthy, failing, slow");
        assertThat(revision.exitCode()).isEqualTo(2);
        assertThat(revision.err()).contains("the revision must be a number, was three");
        assertThat(List.of(verb.err(), behaviour.err(), revision.err()))
                .noneMatch(err -> err.contains("meshcanary-local"));
    }

    private static ScriptRun run(String script, String... args) throws IOException, InterruptedException {
        return ScriptRun.of(PATIENCE_SECONDS, Map.of(), script, args);
    }
}
