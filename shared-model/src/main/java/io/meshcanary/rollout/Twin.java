package io.meshcanary.rollout;

import io.meshcanary.port.EcsServices;
import io.meshcanary.port.ServiceScaling;
import java.util.Optional;

/**
 * The two ECS services of a twin-mode rollout, the user's (the canary track) and meshcanary's twin (the primary), with
 * the scaling that goes with each: the verbs the use cases need, so that none of them pairs ECS and Application Auto
 * Scaling calls by hand.
 */
public final class Twin {

    private final EcsServices ecs;
    private final ServiceScaling scaling;
    private final EqualBaseline baseline;

    public Twin(EcsServices ecs, ServiceScaling scaling, EqualBaseline baseline) {
        this.ecs = ecs;
        this.scaling = scaling;
        this.baseline = baseline;
    }

    /** A judge's equal baseline: the third service of a twin rollout whose spec asks for one. */
    EqualBaseline baseline() {
        return baseline;
    }

    /** The user's own service, the canary track. */
    public Optional<ServiceState> canary(RolloutContext context) {
        return ecs.describe(context.cluster(), context.app());
    }

    /** meshcanary's twin, the primary track; empty before the first bootstrap and after offboarding. */
    public Optional<ServiceState> primary(RolloutContext context) {
        return ecs.describe(context.cluster(), context.primaryService());
    }

    /** Refuses, naming the field, a user's service that a twin cannot copy faithfully; before anything is made. */
    void requireTwinnable(RolloutContext context) {
        ecs.requireTwinnable(context.cluster(), context.app());
    }

    void create(RolloutContext context, String taskDefinition, TwinAttachment attachment) {
        ecs.createPrimaryTwin(context.cluster(), context.app(), taskDefinition, attachment);
    }

    /** A twin made for another router joins where this router reaches it. */
    void attach(RolloutContext context, TwinAttachment attachment) {
        ecs.attachPrimaryTwin(context.cluster(), context.app(), attachment);
    }

    /** At every rollout, so that a change the team made to its service's scaling reaches the twin. */
    void copyScaling(RolloutContext context, TwinAttachment attachment) {
        scaling.copyToTwin(context.cluster(), context.app(), context.primaryService(), attachment);
    }

    /** The user's service takes its scaling back and runs {@code desiredCount} tasks. */
    void scaleCanaryOut(RolloutContext context, int desiredCount) {
        scaling.release(context.cluster(), context.app(), context.primaryService());
        ecs.scale(context.cluster(), context.app(), desiredCount);
    }

    /** The user's service goes to zero, and its own scalable target may not scale it back up. */
    void scaleCanaryIn(RolloutContext context) {
        scaling.hold(context.cluster(), context.app());
        ecs.scale(context.cluster(), context.app(), 0);
    }

    void deployPrimary(RolloutContext context, String taskDefinition) {
        ecs.deploy(context.cluster(), context.primaryService(), taskDefinition);
    }

    /** Offboarding: the user's service runs {@code revision} with the twin's capacity and scaling. */
    void giveServiceBack(RolloutContext context, String revision, int desiredCount) {
        scaling.release(context.cluster(), context.app(), context.primaryService());
        ecs.deploy(context.cluster(), context.app(), revision);
        ecs.scale(context.cluster(), context.app(), desiredCount);
    }

    /** Offboarding: the twin and its scaling go. */
    void remove(RolloutContext context) {
        scaling.remove(context.cluster(), context.primaryService());
        ecs.delete(context.cluster(), context.primaryService());
    }
}
