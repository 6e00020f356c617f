package io.meshcanary.testing;

import io.meshcanary.port.ConcurrentUpdateException;
import io.meshcanary.port.RolloutStore;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rollout table in memory, with the same conditional write as DynamoDB: a first version only over nothing or an
 * ended record, any later version only over the one before it. Every accepted write is kept, in order, so that a test
 * can see records that a later write replaced (a superseded rollout, for example).
 */
public final class FakeRolloutStore implements RolloutStore {

    private final Map<String, Rollout> records = new HashMap<>();
    private final List<Rollout> writes = new ArrayList<>();
    private final Map<String, Map<String, RolloutSummary>> ended = new HashMap<>();
    private Runnable beforeNextSave;
    private int activeReads;

    /** A record that exists before the test acts; it does not count as a write. */
    public FakeRolloutStore given(Rollout rollout) {
        records.put(rollout.service(), rollout);
        return this;
    }

    /** Another writer acts between a step's read and its write, once: at the next save, before its condition. */
    public FakeRolloutStore beforeNextSave(Runnable otherWriter) {
        this.beforeNextSave = otherWriter;
        return this;
    }

    @Override
    public Optional<Rollout> find(String service) {
        return Optional.ofNullable(records.get(service));
    }

    @Override
    public List<Rollout> active() {
        activeReads++;
        return records.values().stream().filter(Rollout::active).toList();
    }

    @Override
    public List<Rollout> all() {
        return List.copyOf(records.values());
    }

    @Override
    public void save(Rollout rollout) {
        if (beforeNextSave != null) {
            Runnable otherWriter = beforeNextSave;
            beforeNextSave = null;
            otherWriter.run();
        }
        Rollout stored = records.get(rollout.service());
        boolean allowed = rollout.version() == 1
                ? stored == null || !stored.active()
                : stored != null && stored.version() == rollout.version() - 1;
        if (!allowed) {
            throw new ConcurrentUpdateException(rollout.service(), rollout.version());
        }
        records.put(rollout.service(), rollout);
        writes.add(rollout);
        if (!rollout.active()) {
            ended.computeIfAbsent(rollout.service(), service -> new HashMap<>())
                    .put(rollout.execution(), RolloutSummary.of(rollout));
        }
    }

    @Override
    public List<RolloutSummary> ended(String service) {
        return ended.getOrDefault(service, Map.of()).values().stream().sorted(RolloutSummary.NEWEST_FIRST)
                .limit(KEPT_SUMMARIES).toList();
    }

    /** The service's record now; fails the test if there is none. */
    public Rollout record(String service) {
        return find(service).orElseThrow(() -> new AssertionError("no rollout record for " + service));
    }

    /** How many times {@link #active()} was asked. */
    public int activeReads() {
        return activeReads;
    }

    /** Every accepted write, oldest first. */
    public List<Rollout> writes() {
        return List.copyOf(writes);
    }
}
