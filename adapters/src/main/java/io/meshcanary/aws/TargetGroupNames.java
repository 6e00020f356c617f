package io.meshcanary.aws;

/**
 * How the primary twin's target group, and a judge's equal baseline's, are named after the canary's, within a
 * provider's name rules.
 */
final class TargetGroupNames {

    private static final String PRIMARY_SUFFIX = "-primary";
    private static final String BASELINE_SUFFIX = "-baseline";

    private TargetGroupNames() {
    }

    /**
     * {@code <canary>-primary}, the canary's name cut so that the whole fits {@code maxLength}. Both ALB and VPC
     * Lattice reject a double or trailing hyphen, so a cut never leaves one.
     */
    static String primary(String canaryName, int maxLength) {
        return suffixed(canaryName, PRIMARY_SUFFIX, maxLength);
    }

    /** {@code <canary>-baseline}, cut as {@link #primary} is. */
    static String baseline(String canaryName, int maxLength) {
        return suffixed(canaryName, BASELINE_SUFFIX, maxLength);
    }

    private static String suffixed(String canaryName, String suffix, int maxLength) {
        String stem = canaryName.substring(0, Math.min(canaryName.length(), maxLength - suffix.length()));
        return stem.replaceAll("-+$", "") + suffix;
    }
}
