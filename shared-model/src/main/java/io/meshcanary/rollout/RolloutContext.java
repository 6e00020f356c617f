package io.meshcanary.rollout;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.spec.CanarySpec;

/** What every step of one execution knows: whose rollout it is, which execution runs it, and the spec it follows. */
public record RolloutContext(String cluster, String app, String execution, CanarySpec spec) {

    public String service() {
        return Rollout.key(cluster, app);
    }

    public String primaryService() {
        return new TrackedService(app, Track.PRIMARY).serviceName();
    }
}
