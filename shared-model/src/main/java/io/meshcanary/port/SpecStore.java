package io.meshcanary.port;

import io.meshcanary.spec.CanarySpec;
import java.util.Optional;

/** Where onboarded services keep their canary specs. A service without a spec is not onboarded. */
public interface SpecStore {

    /**
     * The stored spec document, unparsed.
     *
     * @param cluster the ECS cluster name
     * @param app the user's service name (the canary track)
     */
    Optional<String> source(String cluster, String app);

    /** @throws io.meshcanary.spec.InvalidSpecException if a spec is stored but unusable */
    default Optional<CanarySpec> find(String cluster, String app) {
        return source(cluster, app).map(CanarySpec::parse);
    }
}
