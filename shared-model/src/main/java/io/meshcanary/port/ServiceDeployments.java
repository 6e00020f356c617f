package io.meshcanary.port;

import io.meshcanary.nativemode.NativeDeployment;
import io.meshcanary.nativemode.PauseAnswer;
import io.meshcanary.nativemode.RevisionTargetGroups;
import java.util.List;
import java.util.Optional;

/** ECS's own deployments of a native app's service: read back, answered at meshcanary's pause, stopped. */
public interface ServiceDeployments {

    /** The service deployment as ECS reports it now; empty when ECS does not know it. */
    Optional<NativeDeployment> describe(String serviceDeploymentArn);

    /** The task definition of a service revision. */
    String taskDefinition(String serviceRevisionArn);

    /**
     * The target groups of a service revision's load balancers and VPC Lattice configurations that ECS shifts traffic
     * between, in the service's order; none on Service Connect.
     */
    List<RevisionTargetGroups> targetGroups(String serviceRevisionArn);

    /** The service's deployments in progress, as ECS reports them now. */
    List<NativeDeployment> inProgress(String cluster, String service);

    /** ContinueServiceDeployment: answers the pause {@code hookId} of the deployment. */
    void answer(String serviceDeploymentArn, String hookId, PauseAnswer answer);

    /** StopServiceDeployment with ROLLBACK: ECS puts the traffic back on the source revision. */
    void rollBack(String serviceDeploymentArn);
}
