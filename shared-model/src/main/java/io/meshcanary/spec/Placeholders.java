package io.meshcanary.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code {{name}}} placeholders that metric queries may use, filled in per track when the analysis runs.
 * A spec that names any other placeholder is rejected when it is parsed, not when a rollout reaches its analysis.
 */
public final class Placeholders {

    public static final String APP = "app";
    /** The ECS service of the track: the app itself for the canary, {@code <app>-primary} for the primary. */
    public static final String SERVICE = "service";
    public static final String TRACK = "track";
    public static final String VIRTUAL_NODE = "virtualNode";
    public static final String CLUSTER = "cluster";
    public static final String MESH = "mesh";
    public static final List<String> NAMES = List.of(APP, SERVICE, TRACK, VIRTUAL_NODE, CLUSTER, MESH);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");
    private static final String KNOWN = NAMES.stream().map(name -> "{{" + name + "}}")
            .collect(Collectors.joining(", "));

    private Placeholders() {
    }

    /** The values of every placeholder, for {@link MetricCheck#resolve}. */
    public static Map<String, String> values(String app, String service, String track, String virtualNode,
            String cluster, String mesh) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(APP, app);
        values.put(SERVICE, service);
        values.put(TRACK, track);
        values.put(VIRTUAL_NODE, virtualNode);
        values.put(CLUSTER, cluster);
        values.put(MESH, mesh);
        return values;
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
                throw new IllegalArgumentException("no value for the placeholder " + match.group() + " in " + text);
            }
            return Matcher.quoteReplacement(value);
        });
    }
}
