package io.meshcanary.spec;

import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code {{name}}} placeholders that metric queries may use, filled in per track when the analysis runs: those
 * of every router ({@link #COMMON}) and those the spec's router supplies ({@link RouterSpec#placeholders}). A spec
 * that names any other placeholder, or one its router does not supply, is rejected when it is parsed, not when a
 * rollout reaches its analysis.
 */
public final class Placeholders {

    public static final String APP = "app";
    /** The ECS service of the track: the app itself for the canary, {@code <app>-primary} for the primary. */
    public static final String SERVICE = "service";
    public static final String TRACK = "track";
    /** The track's name, {@code <app>-<track>}: App Mesh's virtual node, and a name any app may report under. */
    public static final String VIRTUAL_NODE = "virtualNode";
    public static final String CLUSTER = "cluster";
    public static final List<String> COMMON = List.of(APP, SERVICE, TRACK, VIRTUAL_NODE, CLUSTER);
    public static final List<String> NAMES = Stream.concat(COMMON.stream(), RouterSpec.placeholderNames().stream())
            .distinct().toList();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");
    private static final String KNOWN = braced(NAMES);

    private Placeholders() {
    }

    /** The values of every placeholder the track has, for {@link MetricCheck#resolve}. */
    public static Map<String, String> values(TrackedService track, String cluster, RouterSpec router) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(APP, track.app());
        values.put(SERVICE, track.serviceName());
        values.put(TRACK, track.track().label());
        values.put(VIRTUAL_NODE, track.virtualNodeName());
        values.put(CLUSTER, cluster);
        values.putAll(router.placeholders(track));
        return values;
    }

    /**
     * @throws InvalidSpecException naming the check, if one uses a placeholder that the router does not supply for
     *         the canary, the track the analysis judges
     */
    static void requireSupplied(List<MetricCheck> checks, RouterSpec router) {
        requireSupplied("analysis.metrics", checks.stream().map(MetricCheck::queries).toList(), router);
    }

    /**
     * @param queries each item's queries, in the order of {@code list}
     * @throws InvalidSpecException naming the item of {@code list}, if its queries use a placeholder that the router
     *         does not supply for the canary. The other tracks' values (the twin's own target group, for one) are
     *         the rollout record's, so only the canary's can be checked when a spec is read.
     */
    static void requireSupplied(String list, List<List<MetricQuery>> queries, RouterSpec router) {
        Map<String, String> supplied = supplied(router);
        requireResolved(list, queries, supplied, used -> ("%s, which the %s router does not supply; its placeholders"
                + " are %s").formatted(used, router.type(), braced(List.copyOf(supplied.keySet()))));
    }

    /**
     * @param why why the service cannot supply them, in words
     * @throws InvalidSpecException naming the first check or judged metric whose queries use one of the router's
     *         {@linkplain RouterSpec#revisionPlaceholders revision placeholders}
     */
    static void requireNoRevisionPlaceholders(Analysis analysis, RouterSpec router, String why) {
        Map<String, String> supplied = supplied(router);
        router.revisionPlaceholders().forEach(supplied::remove);
        requireResolved("analysis.metrics", analysis.metrics().stream().map(MetricCheck::queries).toList(), supplied,
                used -> used + ", " + why);
        analysis.judge().ifPresent(judge -> requireResolved("analysis.judge.metrics",
                judge.metrics().stream().map(JudgeMetric::queries).toList(), supplied, used -> used + ", " + why));
    }

    /** What the canary's queries may use once the spec is read; a revision's values come when a rollout runs. */
    private static Map<String, String> supplied(RouterSpec router) {
        Map<String, String> supplied = values(new TrackedService("app", Track.CANARY), "cluster", router);
        router.revisionPlaceholders().forEach(name -> supplied.putIfAbsent(name, braced(List.of(name))));
        return supplied;
    }

    private static void requireResolved(String list, List<List<MetricQuery>> queries, Map<String, String> supplied,
            UnaryOperator<String> problem) {
        for (int i = 0; i < queries.size(); i++) {
            try {
                queries.get(i).forEach(query -> query.resolve(supplied));
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(Paths.index(list, i), problem.apply(e.getMessage()));
            }
        }
    }

    /** @throws InvalidSpecException naming {@code field} if the text uses an unknown or unclosed placeholder */
    static String requireKnown(String field, String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!NAMES.contains(matcher.group(1))) {
                throw new InvalidSpecException(field,
                        "uses the unknown placeholder %s; the placeholders are %s".formatted(matcher.group(), KNOWN));
            }
        }
        String rest = matcher.replaceAll("");
        if (rest.contains("{{") || rest.contains("}}")) {
            throw new InvalidSpecException(field,
                    "has an unclosed placeholder in \"%s\"; the placeholders are %s".formatted(text, KNOWN));
        }
        return text;
    }

    /** @throws IllegalArgumentException if the text uses a placeholder that {@code values} has no value for */
    static String resolve(String text, Map<String, String> values) {
        if (!text.contains("{{")) {
            return text;
        }
        return PLACEHOLDER.matcher(text).replaceAll(match -> {
            String value = values.get(match.group(1));
            if (value == null) {
                throw new IllegalArgumentException("uses " + match.group());
            }
            return Matcher.quoteReplacement(value);
        });
    }

    private static String braced(List<String> names) {
        return names.stream().map(name -> "{{" + name + "}}").collect(Collectors.joining(", "));
    }
}
