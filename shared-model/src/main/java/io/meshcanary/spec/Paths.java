package io.meshcanary.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Dotted JSON paths, as the spec's errors name fields: {@code analysis.metrics[0].queries[1].id}. */
final class Paths {

    static final String DOCUMENT = "$";

    private Paths() {
    }

    /** @param child a field name, an index such as {@code [2]}, or a dotted path relative to {@code parent} */
    static String child(String parent, String child) {
        if (parent.isEmpty() || parent.equals(DOCUMENT)) {
            return child;
        }
        if (child.equals(DOCUMENT)) {
            return parent;
        }
        return child.startsWith("[") ? parent + child : parent + "." + child;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /**
     * Fails on the first item whose key an earlier item has, naming both, as in
     * {@code metrics[2].name: repeats the name error-rate of metrics[0]}.
     */
    static <T> void requireUnique(String list, List<T> items, String keyField, Function<T, String> key) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String value = key.apply(items.get(i));
            Integer earlier = first.putIfAbsent(value, i);
            if (earlier != null) {
                throw new InvalidSpecException(index(list, i) + "." + keyField,
                        "repeats the %s %s of %s".formatted(keyField, value, index(list, earlier)));
            }
        }
    }

    /** Runs a check that names fields relative to {@code path}, and names them from {@code path} instead. */
    static void check(String path, Runnable check) {
        within(path, () -> {
            check.run();
            return path;
        });
    }

    /** Builds a record whose constructor names its own fields, and names them from {@code path} instead. */
    static <T> T within(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSpecException e) {
            throw e.under(path);
        }
    }
}
