package io.meshcanary.testing;

import io.meshcanary.registry.NodeRegistry;

/** One fake of each port the node registry needs, wired together. */
public record Fakes(FakeSpecStore specs, FakeEcs ecs, FakeDirectory directory, FakeMesh mesh) {

    public static Fakes empty() {
        return new Fakes(new FakeSpecStore(), new FakeEcs(), new FakeDirectory(), new FakeMesh());
    }

    /** App {@code orders} in cluster {@code shop} onboarded with the example spec, as in the sample events. */
    public static Fakes withOrdersOnboarded() {
        Fakes fakes = empty();
        fakes.specs().onboard("shop", "orders", SampleFiles.read(SampleFiles.ORDERS_SPEC));
        return fakes;
    }

    public NodeRegistry registry() {
        return new NodeRegistry(specs, ecs, directory, mesh);
    }
}
