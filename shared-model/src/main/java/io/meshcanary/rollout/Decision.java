package io.meshcanary.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What the workflow does after an analysis.
 *
 * @param next where the workflow's Decide state goes; after a pause, once an operator approved
 * @param summary the analysis in a sentence, for the history and the execution output
 * @param pause whether the workflow first waits for an operator's approve or abort (a marginal judge with
 *        {@code onMarginal: pause})
 */
public record Decision(Next next, String summary, boolean pause) {

    public Decision(Next next, String summary) {
        this(next, summary, false);
    }

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
