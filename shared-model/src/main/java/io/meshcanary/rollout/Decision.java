package io.meshcanary.rollout;

/**
 * What the workflow does after an analysis.
 *
 * @param next one of {@link #CONTINUE}, {@link #PROMOTE} or {@link #ROLLBACK}
 * @param summary the analysis in a sentence, for the history and the execution output
 */
public record Decision(String next, String summary) {

    public static final String CONTINUE = "continue";
    public static final String PROMOTE = "promote";
    public static final String ROLLBACK = "rollback";
}
