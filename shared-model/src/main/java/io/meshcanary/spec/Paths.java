package io.meshcanary.spec;

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

    /** Builds a record whose constructor names its own fields, and names them from {@code path} instead. */
    static <T> T within(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSpecException e) {
            throw e.under(path);
        }
    }
}
