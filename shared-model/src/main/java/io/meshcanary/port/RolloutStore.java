package io.meshcanary.port;

import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutSummary;
import java.util.List;
import java.util.Optional;

/**
 * The rollout records, one per service, and a summary of each rollout that ended. Every write of a record is
 * conditional, so two writers never both win.
 */
public interface RolloutStore {

    /**
     * How many ended rollouts a service's history keeps, newest first. The summaries share one item, and DynamoDB
     * refuses an item over 400 KB (Amazon DynamoDB Developer Guide, "Service, account, and table quotas": item size):
     * at about 0.5 KB a summary that is some 800 rollouts, which a service deploying ten times a day reaches in three
     * months, after which every write that ends a rollout would fail.
     */
    int KEPT_SUMMARIES = 100;

    Optional<Rollout> find(String service);

    /**
     * Every record whose rollout has not ended, read consistently. The table holds one record per service, so this is
     * small; callers that write one of them still go through {@link #save}'s condition.
     */
    List<Rollout> active();

    /** Every record, ended ones included: the services that had a rollout, onboarded or not any more. */
    List<Rollout> all();

    /**
     * Writes {@code rollout} as the service's record if the stored one has {@code rollout.version() - 1}, or, for a
     * first version, if there is none or the stored one has ended. A record that ends its rollout also leaves its
     * {@link RolloutSummary}, kept after a newer rollout replaces the record, and the oldest beyond
     * {@link #KEPT_SUMMARIES} go; writing it again changes nothing.
     *
     * @throws ConcurrentUpdateException if another writer got there first
     */
    void save(Rollout rollout);

    /** The summaries of the service's ended rollouts, newest first, at most {@link #KEPT_SUMMARIES}. */
    List<RolloutSummary> ended(String service);
}
