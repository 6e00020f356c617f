package io.meshcanary.resync;

import java.util.List;

/**
 * What one resync found and did.
 *
 * @param servicesChecked onboarded services compared, plus services no longer onboarded looked at for orphans
 * @param errors one line per service the resync could not check (an unusable spec, an AWS error); the others were
 *     checked all the same
 */
public record ResyncOutcome(boolean dryRun, int servicesChecked, List<Drift> drifts, List<String> errors) {

    public ResyncOutcome {
        drifts = List.copyOf(drifts);
        errors = List.copyOf(errors);
    }

    public long repaired() {
        return drifts.stream().filter(Drift::repaired).count();
    }
}
