package io.meshcanary.testing;

import io.meshcanary.port.SpecStore;
import io.meshcanary.spec.CanarySpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Specs kept as documents and parsed on every lookup, as the SSM store does, so a broken spec fails on use. */
public final class FakeSpecStore implements SpecStore {

    private final Map<String, String> documents = new HashMap<>();
    private int lookups;

    public FakeSpecStore onboard(String cluster, String app, String specJson) {
        documents.put(cluster + "/" + app, specJson);
        return this;
    }

    @Override
    public Optional<CanarySpec> find(String cluster, String app) {
        lookups++;
        return Optional.ofNullable(documents.get(cluster + "/" + app)).map(CanarySpec::parse);
    }

    public int lookups() {
        return lookups;
    }
}
