package io.meshcanary.resync;

import io.meshcanary.model.InvalidEventException;
import java.util.Set;

/**
 * What one resync covers.
 *
 * @param dryRun report the drift, change nothing
 * @param services the rollout keys ({@code <cluster>/<app>}) to look at; empty means every service
 */
public record ResyncRequest(boolean dryRun, Set<String> services) {

    /** What the schedule asks for: every service, repaired. */
    public static final ResyncRequest SCHEDULED = new ResyncRequest(false, Set.of());

    public ResyncRequest {
        services = Set.copyOf(services);
        for (String service : services) {
            int slash = service.indexOf('/');
            if (slash <= 0 || slash == service.length() - 1 || service.indexOf('/', slash + 1) >= 0) {
                throw new InvalidEventException("services", "expected <cluster>/<app>, was \"%s\"".formatted(service));
            }
        }
    }

    boolean covers(String service) {
        return services.isEmpty() || services.contains(service);
    }
}
