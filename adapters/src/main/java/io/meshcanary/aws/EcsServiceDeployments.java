package io.meshcanary.aws;

import io.meshcanary.nativemode.NativeDeployment;
import io.meshcanary.nativemode.PauseAnswer;
import io.meshcanary.nativemode.RevisionTargetGroups;
import io.meshcanary.port.ServiceDeployments;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookDetail;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/** ECS's service deployments (DescribeServiceDeployments, ContinueServiceDeployment, StopServiceDeployment). */
public final class EcsServiceDeployments implements ServiceDeployments {

    /** DeploymentLifecycleHookDetail.status of a pause that waits for ContinueServiceDeployment. */
    private static final String AWAITING_ACTION = "AWAITING_ACTION";

    private final EcsClient ecs;

    public EcsServiceDeployments(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public Optional<NativeDeployment> describe(String serviceDeploymentArn) {
        return ecs.describeServiceDeployments(request -> request.serviceDeploymentArns(serviceDeploymentArn))
                .serviceDeployments().stream().findFirst().map(EcsServiceDeployments::of);
    }

    /**
     * A linear or canary deployment has one source revision, the one that served all production traffic before it
     * (ECS API reference, ServiceDeployment.sourceServiceRevisions).
     */
    private static NativeDeployment of(ServiceDeployment deployment) {
        ServiceRevisionSummary target = deployment.targetServiceRevision();
        String source = deployment.sourceServiceRevisions().stream().findFirst().map(ServiceRevisionSummary::arn)
                .orElse(null);
        Optional<String> waiting = deployment.lifecycleHookDetails().stream()
                .filter(hook -> AWAITING_ACTION.equals(hook.statusAsString()))
                .map(DeploymentLifecycleHookDetail::hookId).findFirst();
        double weight = Optional.ofNullable(target.requestedProductionTrafficWeight()).orElse(0.0);
        return new NativeDeployment(deployment.serviceDeploymentArn(), deployment.statusAsString(),
                deployment.lifecycleStageAsString(), deployment.statusReason(), source, target.arn(), weight,
                waiting);
    }

    @Override
    public List<NativeDeployment> inProgress(String cluster, String service) {
        List<String> arns = ecs.listServiceDeployments(request -> request.cluster(cluster).service(service)
                .status(ServiceDeploymentStatus.IN_PROGRESS)).serviceDeployments().stream()
                .map(ServiceDeploymentBrief::serviceDeploymentArn).toList();
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeServiceDeployments(request -> request.serviceDeploymentArns(arns)).serviceDeployments()
                .stream().map(EcsServiceDeployments::of).toList();
    }

    @Override
    public String taskDefinition(String serviceRevisionArn) {
        return revision(serviceRevisionArn).taskDefinition();
    }

    /** Only a configuration with an alternate group has ECS shift traffic between two groups. */
    @Override
    public List<RevisionTargetGroups> targetGroups(String serviceRevisionArn) {
        ServiceRevision revision = revision(serviceRevisionArn);
        Stream<RevisionTargetGroups> balancers = revision.loadBalancers().stream()
                .filter(balancer -> balancer.advancedConfiguration() != null)
                .map(balancer -> new RevisionTargetGroups(false, balancer.targetGroupArn(),
                        balancer.advancedConfiguration().alternateTargetGroupArn(),
                        Optional.ofNullable(balancer.advancedConfiguration().productionListenerRule())));
        Stream<RevisionTargetGroups> lattice = revision.vpcLatticeConfigurations().stream()
                .filter(configuration -> configuration.advancedConfiguration() != null)
                .map(configuration -> new RevisionTargetGroups(true, configuration.targetGroupArn(),
                        configuration.advancedConfiguration().alternateTargetGroupArn(), Optional.empty()));
        return Stream.concat(balancers, lattice).toList();
    }

    private ServiceRevision revision(String serviceRevisionArn) {
        return ecs.describeServiceRevisions(request -> request.serviceRevisionArns(serviceRevisionArn))
                .serviceRevisions().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("ECS has no service revision " + serviceRevisionArn));
    }

    @Override
    public void answer(String serviceDeploymentArn, String hookId, PauseAnswer answer) {
        ecs.continueServiceDeployment(request -> request.serviceDeploymentArn(serviceDeploymentArn).hookId(hookId)
                .action(answer.name()));
    }

    @Override
    public void rollBack(String serviceDeploymentArn) {
        ecs.stopServiceDeployment(request -> request.serviceDeploymentArn(serviceDeploymentArn)
                .stopType(StopServiceDeploymentStopType.ROLLBACK));
    }
}
