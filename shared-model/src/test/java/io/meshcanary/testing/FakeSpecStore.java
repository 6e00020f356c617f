package io.meshcanary.testing;

import io.meshcanary.port.SpecStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Specs kept as documents and parsed on every lookup, as with SSM, so a broken spec fails on use. */
public final class FakeSpecStore implements SpecStore {

    private final Map<String, String> documents = new HashMap<>();
    private int lookups;

    public FakeSpecStore onboard(String cluster, String app, String specJson) {
        documents.put(cluster + "/" + app, specJson);
        return this;
    }

    @Override
    public Optional<String> source(String cluster, String app) {
        lookups++;
        return Optional.ofNullable(documents.get(cluster + "/" + app));
    }

    public int lookups() {
        return lookups;
    }
}
