package io.meshcanary.rollout;

import io.meshcanary.model.EcsArns;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.port.EcsServices;
import io.meshcanary.port.RouterFactory;
import io.meshcanary.port.TrafficRouter;
import io.meshcanary.spec.Judge;
import io.meshcanary.spec.Placeholders;
import java.util.Map;
import java.util.Optional;

/**
 * A judge's equal baseline (twin mode, {@code "baseline": "equal"}): the service {@code <app>-baseline}, the primary's
 * revision at the canary's task count on a target of its own, which the router weighs like the canary out of the
 * primary's share. Old and new revisions are then compared like for like (task age, cache warmth, share of traffic),
 * as Kayenta advises. It lives only while a rollout that asks for it runs: made when the canary is, counted with the
 * canary's capacity before the first step, and removed, weight first, however the rollout ends.
 */
public final class EqualBaseline {

    private static final String TRACK_LABEL = "baseline";

    private final RouterFactory routers;
    private final EcsServices ecs;

    EqualBaseline(RouterFactory routers, EcsServices ecs) {
        this.routers = routers;
        this.ecs = ecs;
    }

    /**
     * Whether the rollout runs one: its spec's judge asks for it, and it is no bootstrap, which has no release to
     * compare and a twin that may not serve yet.
     */
    static boolean wanted(RolloutContext context, Rollout rollout) {
        return !rollout.bootstrap() && context.spec().analysis().judge()
                .filter(judge -> judge.baseline() == Judge.Baseline.EQUAL).isPresent();
    }

    /**
     * Before the canary takes weight: the baseline's target joins the route at weight 0, then the service runs the
     * primary's revision at the canary's count. A rollout that asks for none removes one an older rollout left (a
     * superseded rollout leaves its baseline to the newer one).
     *
     * <p>The baseline of a rollout that ended minutes ago may still be draining: ECS keeps a deleted service DRAINING
     * until its tasks have stopped (behind a load balancer, at least the target group's deregistration delay, 300 s
     * by default) and refuses to create or update one of that name meanwhile. Then the service is created later, by
     * the canary's capacity wait, once ECS has freed the name ({@link #lacking}).
     */
    void prepare(RolloutContext context, Rollout rollout) {
        if (!wanted(context, rollout)) {
            removeLeftOver(context);
            return;
        }
        Optional<ServiceState> running = ecs.describe(context.cluster(), TrackedService.baselineOf(context.app()));
        if (running.filter(ServiceState::draining).isEmpty()) {
            start(context, rollout, running);
        }
    }

    private void start(RolloutContext context, Rollout rollout, Optional<ServiceState> running) {
        TwinAttachment.TargetGroups attachment = routers.bind(context).adoptBaseline();
        int desiredCount = context.spec().canary().desiredCount();
        if (running.isEmpty()) {
            ecs.createBaseline(context.cluster(), context.app(), rollout.primaryTaskDefinition(), desiredCount,
                    attachment);
            return;
        }
        String name = running.get().name();
        if (!running.get().taskDefinition().equals(rollout.primaryTaskDefinition())) {
            ecs.deploy(context.cluster(), name, rollout.primaryTaskDefinition());
        }
        if (running.get().desiredCount() != desiredCount) {
            ecs.scale(context.cluster(), name, desiredCount);
        }
    }

    /**
     * Whether the baseline serves: the canary's count of healthy tasks of the primary's revision, and none of another.
     * Weight never moves onto it before. Until it serves, each poll starts it if ECS has freed its name since
     * {@link #prepare} found it draining.
     *
     * @return empty when it serves or the rollout runs none; otherwise what it lacks, in words
     */
    Optional<String> lacking(RolloutContext context, Rollout rollout) {
        if (!wanted(context, rollout)) {
            return Optional.empty();
        }
        String revision = EcsArns.taskDefinitionRevision(rollout.primaryTaskDefinition(), "primaryTaskDefinition");
        int wanted = context.spec().canary().desiredCount();
        Optional<String> lacking = routers.bind(context).baselineTasks().of(revision).lacking(wanted);
        if (lacking.isEmpty()) {
            return lacking;
        }
        String name = TrackedService.baselineOf(context.app());
        Optional<ServiceState> running = ecs.describe(context.cluster(), name);
        if (running.filter(ServiceState::draining).isPresent()) {
            return Optional.of(("the judge's baseline %s is still draining from an earlier rollout (ECS frees its "
                    + "name once its tasks have stopped)").formatted(name));
        }
        if (running.isEmpty()) {
            start(context, rollout, running);
        }
        return lacking.map(words -> "the judge's baseline has " + words);
    }

    /** The end of a rollout that ran one, however it ends. */
    void end(RolloutContext context, Rollout rollout) {
        if (wanted(context, rollout)) {
            remove(context);
        }
    }

    /**
     * What a rollout that ran one left when it ended without removing it (a crash, or a newer rollout that superseded
     * it without asking for one). The service is what serves and costs: where none runs, neither is its target on the
     * route, since removing takes that off first.
     */
    void removeLeftOver(RolloutContext context) {
        if (ecs.describe(context.cluster(), TrackedService.baselineOf(context.app())).isPresent()) {
            remove(context);
        }
    }

    /**
     * Weight first: the route stops sending the baseline traffic, then the service and its target go. Safe to
     * repeat, and nothing to do where there is none.
     */
    private void remove(RolloutContext context) {
        TrafficRouter router = routers.bind(context);
        router.dropBaseline();
        ecs.delete(context.cluster(), TrackedService.baselineOf(context.app()));
        router.removeBaseline();
    }

    /**
     * The judge's baseline placeholders: the primary's (its load balancer, say), with the baseline's own service, track
     * name and target group.
     */
    Map<String, String> placeholders(RolloutContext context) {
        String name = TrackedService.baselineOf(context.app());
        Map<String, String> values = Placeholders.values(new TrackedService(context.app(), Track.PRIMARY),
                context.cluster(), context.spec().router());
        values.put(Placeholders.SERVICE, name);
        values.put(Placeholders.TRACK, TRACK_LABEL);
        values.put(Placeholders.VIRTUAL_NODE, name);
        String group = routers.bind(context).baselineTargetGroup().orElseThrow(() -> new RolloutFailedException(
                "the judge's baseline %s has no target group to read its metrics by".formatted(name)));
        values.putAll(context.spec().router().targetGroupPlaceholders(group));
        return values;
    }
}
