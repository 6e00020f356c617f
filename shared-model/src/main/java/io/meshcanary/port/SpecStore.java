package io.meshcanary.port;

import io.meshcanary.spec.CanarySpec;
import java.util.List;
import java.util.Objects;
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

    /** Every stored spec, unparsed: the onboarded services. */
    List<StoredSpec> all();

    /** @throws io.meshcanary.spec.InvalidSpecException if a spec is stored but unusable */
    default Optional<CanarySpec> find(String cluster, String app) {
        return source(cluster, app).map(CanarySpec::parse);
    }

    /** The spec document stored for one onboarded service. */
    record StoredSpec(String cluster, String app, String source) {

        public StoredSpec {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(source, "source");
        }
    }
}
