package io.meshcanary.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An ECS service seen as one track of an app. The user's service {@code orders} is the canary track of app
 * {@code orders}; the twin {@code orders-primary} that meshcanary owns is its primary track.
 */
public record TrackedService(String app, Track track) {

    static final String PRIMARY_SUFFIX = "-primary";
    private static final String BASELINE_SUFFIX = "-baseline";
    private static final String SERVICE_GROUP_PREFIX = "service:";

    public TrackedService {
        Objects.requireNonNull(track, "track");
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("app name is blank");
        }
    }

    public static TrackedService fromServiceName(String serviceName) {
        if (serviceName.endsWith(PRIMARY_SUFFIX) && serviceName.length() > PRIMARY_SUFFIX.length()) {
            return new TrackedService(serviceName.substring(0, serviceName.length() - PRIMARY_SUFFIX.length()),
                    Track.PRIMARY);
        }
        return new TrackedService(serviceName, Track.CANARY);
    }

    /** The service behind an ECS task group such as {@code service:orders}; empty for standalone tasks. */
    public static Optional<TrackedService> fromTaskGroup(String group) {
        if (group == null || !group.startsWith(SERVICE_GROUP_PREFIX) || group.length() == SERVICE_GROUP_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(fromServiceName(group.substring(SERVICE_GROUP_PREFIX.length())));
    }

    /**
     * The ECS service a judge's equal baseline runs in, {@code <app>-baseline}: no track of the app, since no
     * release is deployed to it and the route weighs it only while a judged rollout runs.
     */
    public static String baselineOf(String app) {
        return app + BASELINE_SUFFIX;
    }

    public String serviceName() {
        return track == Track.PRIMARY ? app + PRIMARY_SUFFIX : app;
    }

    /** The App Mesh virtual node that fronts this track, e.g. {@code orders-canary}. */
    public String virtualNodeName() {
        return app + "-" + track.label();
    }
}
