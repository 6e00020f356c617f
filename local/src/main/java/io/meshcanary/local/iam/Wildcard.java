package io.meshcanary.local.iam;

import java.util.Locale;

/**
 * IAM's wildcard match: {@code *} matches any run of characters (none included), {@code ?} exactly one. Used for
 * Action (case-insensitive, as IAM compares actions), Resource and the *Like condition operators (case-sensitive).
 */
final class Wildcard {
    private Wildcard() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        // Iterative glob with backtracking to the last star: linear enough for ARNs, no regex to escape.
        int pi = 0;
        int vi = 0;
        int star = -1;
        int starMatch = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                starMatch = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++starMatch;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
