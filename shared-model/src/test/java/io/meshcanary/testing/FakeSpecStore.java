package io.meshcanary.testing;

import io.meshcanary.port.SpecStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Specs kept as documents and parsed on every lookup, as with SSM, so a broken spec fails on use. */
public final class FakeSpecStore implements SpecStore {

    private final Map<String, StoredSpec> documents = new LinkedHashMap<>();
    private int lookups;

    public FakeSpecStore onboard(String cluster, String app, String specJson) {
        documents.put(cluster + "/" + app, new StoredSpec(cluster, app, specJson));
        return this;
    }

    /** The team removed the service's spec: it is no longer onboarded. */
    public FakeSpecStore offboard(String cluster, String app) {
        documents.remove(cluster + "/" + app);
        return this;
    }

    @Override
    public Optional<String> source(String cluster, String app) {
        lookups++;
        return Optional.ofNullable(documents.get(cluster + "/" + app)).map(StoredSpec::source);
    }

    @Override
    public List<StoredSpec> all() {
        return List.copyOf(documents.values());
    }

    public int lookups() {
        return lookups;
    }
}
