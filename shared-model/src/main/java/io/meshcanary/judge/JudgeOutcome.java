package io.meshcanary.judge;

/** What the score says about the canary in one analysis round. */
public enum JudgeOutcome {
    /** The score reached the pass threshold. */
    PASS,
    /** The score reached the marginal threshold but not the pass one: the spec's onMarginal decides. */
    MARGINAL,
    /** The score fell below the marginal threshold, or a critical metric failed. */
    FAIL,
    /** A scored group had no metric with data: too little to judge, never a pass. */
    INCONCLUSIVE
}
