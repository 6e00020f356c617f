package io.meshcanary.testing;

import io.meshcanary.registry.NodeRegistry;
import io.meshcanary.rollout.CrashGuard;
import io.meshcanary.rollout.TwinRoute;

/**
 * One fake of each port the node registry needs, wired together: those of Cloud Map registration, and those the
 * crash guard needs to count canary crashes against a rollout and abort it.
 */
public record Fakes(FakeSpecStore specs, FakeEcs ecs, FakeDirectory directory, FakeMesh mesh,
        FakeRolloutStore rollouts, FakeRouter router, FakeEcsServices services, FakeWorkflows workflows,
        FakeRolloutEvents events, TestClock clock) {

    public static Fakes empty() {
        FakeDirectory directory = new FakeDirectory();
        FakeEcsServices services = new FakeEcsServices();
        return new Fakes(new FakeSpecStore(), new FakeEcs(), directory, new FakeMesh(), new FakeRolloutStore(),
                new FakeRouter(directory, services), services, new FakeWorkflows(), new FakeRolloutEvents(),
                new TestClock(RolloutFakes.START));
    }

    /** App {@code orders} in cluster {@code shop} onboarded with the example spec, as in the sample events. */
    public static Fakes withOrdersOnboarded() {
        Fakes fakes = empty();
        fakes.specs().onboard("shop", "orders", SampleFiles.read(SampleFiles.ORDERS_SPEC));
        return fakes;
    }

    public NodeRegistry registry() {
        return new NodeRegistry(specs, ecs, new FakeRegistries(directory, mesh),
                new CrashGuard(rollouts, new TwinRoute(router, services), workflows, events, clock));
    }
}
