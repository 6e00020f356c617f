package io.meshcanary.nativemode;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the native mode needs to know of an ECS service: who deploys it, with which strategy, and over what ECS shifts
 * its traffic.
 *
 * @param deploymentController {@code ECS}, {@code CODE_DEPLOY} or {@code EXTERNAL}
 * @param strategy {@code ROLLING}, {@code LINEAR}, {@code CANARY} or {@code BLUE_GREEN}
 * @param stepPercent the linear configuration's, empty when the service leaves it to ECS's default
 * @param canaryPercent the canary configuration's, empty when the service leaves it to ECS's default
 * @param trafficPaths what ECS shifts the traffic on, in words: {@code load balancer targetgroup/orders/1a2b},
 *     {@code Service Connect}, {@code VPC Lattice targetgroup/...}
 * @param gaps what ECS requires for a traffic-shifting deployment and the service lacks, each naming its field
 * @param sharedPauses the team's own PAUSE hooks at a stage where meshcanary's stops ({@link PauseHook#STAGES}), each
 *     naming its field and stage: {@code lifecycleHooks[1] (PRE_PRODUCTION_TRAFFIC_SHIFT)}
 */
public record NativeService(String name, String deploymentController, String strategy, OptionalDouble stepPercent,
        OptionalDouble canaryPercent, List<String> trafficPaths, List<String> gaps, List<String> sharedPauses) {

    public static final String ECS_CONTROLLER = "ECS";
    public static final String ROLLING = "ROLLING";
    public static final String SERVICE_CONNECT = "Service Connect";

    private static final String OR_TWIN = "or onboard it with \"mode\": \"twin\"";

    public NativeService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deploymentController, "deploymentController");
        Objects.requireNonNull(strategy, "strategy");
        trafficPaths = List.copyOf(trafficPaths);
        gaps = List.copyOf(gaps);
        sharedPauses = List.copyOf(sharedPauses);
    }

    /**
     * Whether CloudWatch can tell the service's two revisions apart: each has a target group of its own behind a
     * load balancer or in Lattice, while Service Connect's metrics are per service.
     */
    public boolean tellsRevisionsApart() {
        return trafficPaths.stream().anyMatch(path -> !path.equals(SERVICE_CONNECT));
    }

    /**
     * The weights at which the service's deployment stops.
     *
     * @throws UnfitServiceException naming what keeps ECS from deploying the service in steps meshcanary can pause,
     *         and what the team would change
     */
    public TrafficGrid grid() {
        if (!ECS_CONTROLLER.equals(deploymentController)) {
            throw new UnfitServiceException(("service %s is deployed by its %s deployment controller, whose"
                    + " deployments meshcanary cannot pause: move it to ECS's own LINEAR, CANARY or BLUE_GREEN"
                    + " deployment (deploymentController ECS), %s").formatted(name, deploymentController, OR_TWIN));
        }
        TrafficGrid grid = switch (strategy) {
            case "LINEAR" -> TrafficGrid.linear(stepPercent.orElse(TrafficGrid.DEFAULT_STEP_PERCENT));
            case "CANARY" -> TrafficGrid.canary(canaryPercent.orElse(TrafficGrid.DEFAULT_CANARY_PERCENT));
            case "BLUE_GREEN" -> TrafficGrid.blueGreen();
            default -> throw new UnfitServiceException(("service %s uses ECS's %s deployment, which has no traffic"
                    + " step to pause at: set its deploymentConfiguration.strategy to LINEAR, CANARY or BLUE_GREEN, %s")
                    .formatted(name, strategy, OR_TWIN));
        };
        if (trafficPaths.isEmpty()) {
            throw new UnfitServiceException(("service %s has no load balancer, Service Connect or VPC Lattice"
                    + " configuration, so its %s deployment has no traffic to shift: give it one")
                    .formatted(name, strategy));
        }
        if (!gaps.isEmpty()) {
            throw new UnfitServiceException("service %s lacks what ECS's %s deployment requires: %s"
                    .formatted(name, strategy, String.join("; ", gaps)));
        }
        if (!sharedPauses.isEmpty()) {
            // A waiting pause shows only hookId, targetType, status, expiresAt and timeoutAction (API reference,
            // DeploymentLifecycleHookDetail; targetArn "is not set" for PAUSE hooks): no stage, no hookDetails.
            throw new UnfitServiceException(("service %s has a PAUSE hook of its own where meshcanary's pause hook"
                    + " stops: %s. ECS reports a waiting pause with neither its stage nor its hookDetails, so"
                    + " meshcanary could not tell its own pause from the team's and would answer both: move the team's"
                    + " pause to another stage (POST_SCALE_UP, say) or take it off").formatted(name,
                    String.join("; ", sharedPauses)));
        }
        return grid;
    }
}
