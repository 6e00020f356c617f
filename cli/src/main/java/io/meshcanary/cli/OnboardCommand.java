package io.meshcanary.cli;

import io.meshcanary.aws.EcsPauseHooks;
import io.meshcanary.aws.SsmSpecStore;
import io.meshcanary.nativemode.PauseHook;
import io.meshcanary.spec.CanarySpec;
import io.meshcanary.spec.Mode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code meshcanary onboard}: lint a spec, then store it where the stack reads it. */
@Command(name = "onboard", description = {"Onboard an ECS service with a canary spec.",
        "Lints the spec, then stores it as the SSM parameter <SpecParameterPrefix>/<cluster>/<service> the stack"
                + " reads. The service's next deployment bootstraps it (creates its primary twin); the ones after are"
                + " canary releases.",
        "Checks first that the cluster is the stack's, the service exists in it with a long ARN, and the router's"
                + " resources the spec names exist and belong together.",
        "A native spec (\"mode\": \"native\") needs a service that ECS deploys LINEAR, CANARY or BLUE_GREEN, with"
                + " the spec's weights among the ones its strategy stops at; onboard then adds meshcanary's pause hook"
                + " to the service's lifecycle hooks, beside the team's own: each deployment of the service then waits"
                + " at that hook for the rollout's answer.",
        "An invalid spec, or one that fails a check, is not stored (exit 2). Storing a spec again replaces it from"
                + " the next rollout on."})
final class OnboardCommand implements Callable<Integer> {

    @ParentCommand
    private MeshCanary root;

    @Option(names = "--cluster", required = true, description = "the ECS cluster of the service")
    private String cluster;

    @Option(names = "--service", required = true, description = "the ECS service, which becomes the canary track")
    private String service;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "the canary spec file")
    private Path file;

    /** Accepted, and ignored, for scripts written while the native mode needed it; the engine answers the hook now. */
    @Option(names = "--experimental-native", hidden = true)
    private boolean experimentalNative;

    @Override
    public Integer call() {
        SpecFile spec = SpecFile.read(file);
        if (!spec.valid()) {
            throw CliException.badInput(spec.error() + "; nothing was stored");
        }
        String storable;
        try {
            storable = SsmSpecStore.storable(spec.source());
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(spec.file() + ": " + e.getMessage() + "; nothing was stored");
        }
        Operator operator = root.operator();
        CanarySpec parsed = CanarySpec.parse(spec.source());
        new OnboardChecks(operator).problem(cluster, service, parsed).ifPresent(problem -> {
            throw CliException.badInput(problem + "; nothing was stored");
        });
        // The spec first: a pause hook on a service whose spec is missing would hold its next deployment until the
        // hook timed out, while a spec without the hook yet only lets a deployment pass unjudged.
        operator.specs.put(cluster, service, storable);
        if (parsed.mode() == Mode.NATIVE) {
            PauseHook hook = PauseHook.of(parsed);
            new EcsPauseHooks(operator.clients.ecs()).install(cluster, service, hook);
            root.out.printf(("onboarded %s/%s in the native mode: its spec is at %s; meshcanary's pause hook is on"
                    + " the service (%d minutes, then %s), so its next deployment waits for meshcanary before each"
                    + " traffic step%n"), cluster, service, operator.specs.parameterName(cluster, service),
                    hook.timeoutMinutes(), PauseHook.TIMEOUT_ACTION);
        } else {
            root.out.printf("onboarded %s/%s: its spec is at %s; its next deployment bootstraps it%n", cluster,
                    service, operator.specs.parameterName(cluster, service));
        }
        return 0;
    }
}
