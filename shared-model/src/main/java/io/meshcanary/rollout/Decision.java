package io.meshcanary.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What the workflow does after an analysis.
 *
 * @param next where the workflow's Decide state goes
 * @param summary the analysis in a sentence, for the history and the execution output
 */
public record Decision(Next next, String summary) {

    /** The values the workflow's Decide state matches: renaming one is a change of the workflow's API. */
    public enum Next {
        CONTINUE,
        PROMOTE,
        ROLLBACK;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
