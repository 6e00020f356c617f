package io.meshcanary.aws;

/** How the primary twin's target group is named after the canary's, within a provider's name rules. */
final class TargetGroupNames {

    private static final String PRIMARY_SUFFIX = "-primary";

    private TargetGroupNames() {
    }

    /**
     * {@code <canary>-primary}, the canary's name cut so that the whole fits {@code maxLength}. Both ALB and VPC
     * Lattice reject a double or trailing hyphen, so a cut never leaves one.
     */
    static String primary(String canaryName, int maxLength) {
        String stem = canaryName.substring(0, Math.min(canaryName.length(), maxLength - PRIMARY_SUFFIX.length()));
        return stem.replaceAll("-+$", "") + PRIMARY_SUFFIX;
    }
}
