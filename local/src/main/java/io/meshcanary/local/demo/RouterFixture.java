package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * An app's route or rule on one router, as the team had it before onboarding, and how a test reads it. The workflow
 * tests run over every {@link Router}: only this fixture and the spec's router section differ between them.
 */
public interface RouterFixture {

    /** Puts this router's section, in the app's names, into {@code spec}; the rest of the spec is left alone. */
    void route(ObjectNode spec);

    /** Creates the team's own service (the canary track), reachable through this router. */
    void createService(String taskDefinition);

    /** The canary's share of the two tracks' weights, as a router reads it. */
    int canaryWeight();

    /** The team sets the two tracks' weights by hand, behind the rollout record's back; the rest stays. */
    void editWeights(int canaryPercent);

    /** Everything on the route or rule that meshcanary does not own, in a form that compares by value. */
    Object untouched();

    /**
     * Starts the demo's traffic through this route, reported as the router reports it, and sets the metric checks of
     * {@code spec} to the ones that read it; by default neither, and the spec keeps the shop's own checks. Where the
     * router reports response times per track, the canary's revision is {@code canarySlowdown} times as slow as the
     * primary's.
     */
    default DemoTraffic demoTraffic(ObjectNode spec, Path repository, DoubleSupplier canarySlowdown) {
        return DemoTraffic.NONE;
    }

    /**
     * The judge block that compares the canary's response time with the primary's as this route's demo traffic
     * reports them, over the last {@code windowSeconds}; empty for a router whose demo traffic reports no response
     * time per track.
     */
    default Optional<ObjectNode> demoJudge(int windowSeconds, int minSamples) {
        return Optional.empty();
    }
}
