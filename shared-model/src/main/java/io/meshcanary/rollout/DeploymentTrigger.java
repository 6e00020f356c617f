package io.meshcanary.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.model.BoundedName;
import io.meshcanary.model.EcsArns;
import io.meshcanary.model.HookStateChange;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.nativemode.NativeDeployment;
import io.meshcanary.port.SpecStore;
import io.meshcanary.port.Workflows;
import io.meshcanary.spec.Mode;
import java.util.Optional;

/**
 * Starts the canary workflow for a deployment of an onboarded service. The execution is named after the
 * deployment, so a duplicate event finds the execution it would start; the new execution supersedes an older one
 * when it initializes. A native app's deployment starts its execution at ECS's first pause, whose event names the
 * service deployment the workflow answers; each later pause of the same deployment finds that execution.
 */
public final class DeploymentTrigger {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Step Functions allows 80 characters in an execution name. */
    private static final int MAX_NAME = 80;

    private final SpecStore specs;
    private final Workflows workflows;

    public DeploymentTrigger(SpecStore specs, Workflows workflows) {
        this.specs = specs;
        this.workflows = workflows;
    }

    public TriggerOutcome onDeploymentInProgress(String serviceArn, String deploymentId) {
        String cluster = EcsArns.serviceCluster(serviceArn, "resources[0]");
        TrackedService service = TrackedService.fromServiceName(EcsArns.serviceName(serviceArn, "resources[0]"));
        if (service.track() == Track.PRIMARY) {
            // meshcanary deploys the primary itself when it promotes; that is no new release.
            return new TriggerOutcome(TriggerOutcome.IGNORED_PRIMARY, service.serviceName(), null);
        }
        return startRollout(cluster, service.app(), deploymentId);
    }

    /**
     * Whether the stored spec is a native one. A document that is no JSON is left to the workflow, whose Initialize
     * refuses it by name and records why.
     */
    private static boolean nativeMode(String spec) {
        try {
            return Mode.of(JSON.readTree(spec)) == Mode.NATIVE;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * A pause hook of a service deployment waits: for a native app, the execution that answers the deployment's
     * pauses, started at the first one and found at each later one. A hook that is not meshcanary's is left to its
     * owner: the workflow would answer it as if it were meshcanary's.
     */
    public TriggerOutcome onPauseAwaiting(HookStateChange pause) {
        String cluster = EcsArns.serviceCluster(pause.serviceArn(), "resources[0]");
        String app = EcsArns.serviceName(pause.serviceArn(), "resources[0]");
        Optional<String> notOurs = pause.notMeshcanarys();
        if (notOurs.isPresent()) {
            return new TriggerOutcome(TriggerOutcome.IGNORED_NOT_MESHCANARYS_HOOK, app, null, notOurs.get());
        }
        Optional<String> spec = specs.source(cluster, app);
        if (spec.isEmpty()) {
            return new TriggerOutcome(TriggerOutcome.IGNORED_NOT_ONBOARDED, app, null);
        }
        if (!nativeMode(spec.get())) {
            // A pause hook of the team's own on a twin app's service: meshcanary does not answer it.
            return new TriggerOutcome(TriggerOutcome.IGNORED_TWIN, app, null);
        }
        return startNative(cluster, app, pause.serviceDeploymentArn());
    }

    /** Starts, or finds, the execution that answers the pauses of a native app's service deployment. */
    public TriggerOutcome startNative(String cluster, String app, String serviceDeploymentArn) {
        return start(cluster, app, NativeDeployment.id(serviceDeploymentArn), serviceDeploymentArn);
    }

    /** The name of the execution that answers the pauses of a native app's service deployment. */
    public static String nativeExecutionName(String cluster, String app, String serviceDeploymentArn) {
        return executionName(cluster, app, NativeDeployment.id(serviceDeploymentArn));
    }

    /**
     * Starts the rollout of the canary service's current task definition, if the app is onboarded: for a deployment
     * ECS announced, or an operator's retry after a failed rollout ({@code deploymentId} then names the retry).
     */
    public TriggerOutcome startRollout(String cluster, String app, String deploymentId) {
        Optional<String> spec = specs.source(cluster, app);
        if (spec.isEmpty()) {
            return new TriggerOutcome(TriggerOutcome.IGNORED_NOT_ONBOARDED, app, null);
        }
        if (nativeMode(spec.get())) {
            return new TriggerOutcome(TriggerOutcome.IGNORED_NATIVE, app, null);
        }
        return start(cluster, app, deploymentId, deploymentId);
    }

    /** @param nameTail what names the execution after its deployment, {@code deploymentId} or its last part */
    private TriggerOutcome start(String cluster, String app, String nameTail, String deploymentId) {
        String name = executionName(cluster, app, nameTail);
        String input = JSON.createObjectNode().put("cluster", cluster).put("service", app)
                .put("deploymentId", deploymentId).toString();
        workflows.start(name, input);
        return new TriggerOutcome(TriggerOutcome.STARTED, app, name);
    }

    /** {@code <cluster>-<app>-<deployment>}, shortened with a digest when longer than Step Functions allows. */
    static String executionName(String cluster, String app, String deploymentId) {
        String name = (cluster + "-" + app + "-" + deploymentId.replace("ecs-svc/", ""))
                .replaceAll("[^A-Za-z0-9_-]", "-");
        return BoundedName.fit(name, MAX_NAME);
    }
}
