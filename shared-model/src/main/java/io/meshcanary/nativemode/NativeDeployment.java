package io.meshcanary.nativemode;

import java.util.Objects;
import java.util.Optional;

/**
 * One of ECS's own deployments of a service, as DescribeServiceDeployments reports it.
 *
 * @param status {@code PENDING}, {@code IN_PROGRESS}, {@code SUCCESSFUL}, {@code STOPPED}, {@code ROLLBACK_*}...
 * @param lifecycleStage where the deployment is, such as {@code PRODUCTION_TRAFFIC_SHIFT}
 * @param statusReason why it ended as it did; null while it runs or when ECS gives none
 * @param weight the new revision's share of production traffic (its {@code requestedProductionTrafficWeight})
 * @param waitingHook the id of the pause hook that waits for an answer now, if one does
 */
public record NativeDeployment(String arn, String status, String lifecycleStage, String statusReason,
        String sourceRevision, String targetRevision, double weight, Optional<String> waitingHook) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String SUCCESSFUL = "SUCCESSFUL";

    public NativeDeployment {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(waitingHook, "waitingHook");
    }

    public boolean inProgress() {
        return IN_PROGRESS.equals(status);
    }

    public boolean successful() {
        return SUCCESSFUL.equals(status);
    }

    /** The new revision's share in whole percent, as the record and the workflow count weights. */
    public int percent() {
        return (int) Math.round(weight);
    }

    /** In words for the record: {@code ROLLBACK_SUCCESSFUL (Lifecycle hook x timed out...)}. */
    public String describe() {
        return statusReason == null ? status : "%s (%s)".formatted(status, statusReason);
    }

    /** The deployment's id, the last part of its ARN, as an execution name may carry it. */
    public static String id(String serviceDeploymentArn) {
        return serviceDeploymentArn.substring(serviceDeploymentArn.lastIndexOf('/') + 1);
    }
}
