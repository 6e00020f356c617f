package io.meshcanary.port;

import io.meshcanary.spec.CanarySpec;
import java.util.Optional;

/** Where onboarded services keep their canary specs. A service without a spec is not onboarded. */
public interface SpecStore {

    /**
     * @param cluster the ECS cluster name
     * @param app the user's service name (the canary track)
     * @throws io.meshcanary.spec.InvalidSpecException if a spec is stored but unusable
     */
    Optional<CanarySpec> find(String cluster, String app);
}
