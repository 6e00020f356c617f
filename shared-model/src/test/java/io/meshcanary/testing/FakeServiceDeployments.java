package io.meshcanary.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.nativemode.NativeDeployment;
import io.meshcanary.nativemode.PauseAnswer;
import io.meshcanary.nativemode.RevisionTargetGroups;
import io.meshcanary.port.ServiceDeployments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ECS's service deployment of orders:8 from orders:7, which moves only when a test says so: paused before its first
 * traffic step once {@link #deploying} starts it, each pause's hook id {@code hook-<weight>}.
 */
public final class FakeServiceDeployments implements ServiceDeployments {

    private final List<String> answers = new ArrayList<>();
    private int stops;
    private NativeDeployment now;
    private NativeDeployment newer;
    private List<RevisionTargetGroups> targetGroups = List.of();
    private int targetGroupReads;

    public FakeServiceDeployments deploying(String arn) {
        now = deployment(arn, "IN_PROGRESS", null, 0, Optional.of("hook-0"));
        return this;
    }

    /** The target revision's traffic runs through {@code groups}, as DescribeServiceRevisions reports them. */
    public FakeServiceDeployments behind(RevisionTargetGroups... groups) {
        targetGroups = List.of(groups);
        return this;
    }

    /** ECS has shifted to {@code weight} and bakes there, waiting for no one. */
    public void shifted(double weight) {
        now = deployment(now.arn(), "IN_PROGRESS", null, weight, Optional.empty());
    }

    public void pausedAt(int weight) {
        now = deployment(now.arn(), "IN_PROGRESS", null, weight, Optional.of("hook-" + weight));
    }

    /** ECS stopped this deployment for {@code newerArn}, which is now in progress. */
    public void supersededBy(String newerArn) {
        newer = deployment(newerArn, "IN_PROGRESS", null, 0, Optional.empty());
        ended("STOPPED", "Superseded by service deployment " + newerArn + ".");
    }

    public void ended(String status, String reason) {
        now = deployment(now.arn(), status, reason, 0, Optional.empty());
    }

    /** Each answer, {@code <hook id> <action>}, in order. */
    public List<String> answers() {
        return List.copyOf(answers);
    }

    /** How many times the target groups of a revision were read. */
    public int targetGroupReads() {
        return targetGroupReads;
    }

    public int stops() {
        return stops;
    }

    private static NativeDeployment deployment(String arn, String status, String reason, double weight,
            Optional<String> hook) {
        return new NativeDeployment(arn, status, "PRODUCTION_TRAFFIC_SHIFT", reason, "revision-7", "revision-8", weight,
                hook);
    }

    @Override
    public Optional<NativeDeployment> describe(String serviceDeploymentArn) {
        return Optional.ofNullable(now).filter(deployment -> deployment.arn().equals(serviceDeploymentArn));
    }

    @Override
    public List<NativeDeployment> inProgress(String cluster, String service) {
        return Stream.of(now, newer).filter(deployment -> deployment != null && deployment.inProgress()).toList();
    }

    @Override
    public List<RevisionTargetGroups> targetGroups(String serviceRevisionArn) {
        targetGroupReads++;
        return serviceRevisionArn.equals(now.targetRevision()) ? targetGroups : List.of();
    }

    @Override
    public String taskDefinition(String serviceRevisionArn) {
        return RolloutFakes.TASK_DEFINITION_7.replace(":7", ":" + serviceRevisionArn.replace("revision-", ""));
    }

    @Override
    public void answer(String serviceDeploymentArn, String hookId, PauseAnswer answer) {
        assertThat(now.waitingHook()).as("the pause answered").contains(hookId);
        answers.add(hookId + " " + answer);
        now = deployment(now.arn(), "IN_PROGRESS", null, now.weight(), Optional.empty());
    }

    @Override
    public void rollBack(String serviceDeploymentArn) {
        stops++;
    }
}
