package io.meshcanary.analysis;

import static io.meshcanary.analysis.CheckOutcome.FAIL;
import static io.meshcanary.analysis.CheckOutcome.INCONCLUSIVE;
import static io.meshcanary.analysis.CheckOutcome.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshcanary.spec.Analysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalysisJudgeTest {

    /** Threshold 2, and two inconclusive results in a row count as one failed check: the example spec's policy. */
    private static final Analysis ORDERS = policy(2, 2);

    @Test
    void noChecksConfiguredIsAPassRound() {
        Verdict verdict = AnalysisJudge.judge(Analysis.NONE, 0, 0, List.of());

        assertThat(verdict).isEqualTo(new Verdict(0, 0, false, "no checks configured; failed checks 0 of 1: go on"));
    }

    @Test
    void allPassingGoesOn() {
        Verdict verdict = AnalysisJudge.judge(ORDERS, 0, 0, results(PASS, PASS));

        assertThat(verdict).isEqualTo(new Verdict(0, 0, false, "2 passed; failed checks 0 of 2: go on"));
    }

    @Test
    void oneFailureUnderThresholdGoesOn() {
        Verdict verdict = AnalysisJudge.judge(ORDERS, 0, 0, results(PASS, FAIL));

        assertThat(verdict)
                .isEqualTo(new Verdict(1, 0, false, "1 passed, 1 failed (check-1); failed checks 1 of 2: go on"));
    }

    @Test
    void thresholdReachedRollsBack() {
        Verdict verdict = AnalysisJudge.judge(ORDERS, 1, 0, results(FAIL, PASS));

        assertThat(verdict.failedChecks()).isEqualTo(2);
        assertThat(verdict.rollback()).isTrue();
        assertThat(verdict.summary()).endsWith("failed checks 2 of 2: roll back");
    }

    @Test
    void everyFailureInARoundCounts() {
        assertThat(AnalysisJudge.judge(policy(3, 1), 0, 0, results(FAIL, FAIL, FAIL)))
                .extracting(Verdict::failedChecks, Verdict::rollback).containsExactly(3, true);
    }

    @Test
    void failuresAccumulateAcrossRoundsAndNeverHeal() {
        Verdict first = AnalysisJudge.judge(ORDERS, 0, 0, results(FAIL));
        Verdict second = AnalysisJudge.judge(ORDERS, first.failedChecks(), first.inconclusiveStreak(), results(PASS));
        Verdict third = AnalysisJudge.judge(ORDERS, second.failedChecks(), second.inconclusiveStreak(), results(FAIL));

        assertThat(List.of(first.failedChecks(), second.failedChecks(), third.failedChecks())).containsExactly(1, 1, 2);
        assertThat(third.rollback()).isTrue();
    }

    @Test
    void oneInconclusiveRoundIsNotYetAFailure() {
        Verdict verdict = AnalysisJudge.judge(ORDERS, 0, 0, results(INCONCLUSIVE));

        assertThat(verdict).isEqualTo(new Verdict(0, 1, false,
                "1 inconclusive (check-0); failed checks 0 of 2: go on"));
    }

    @Test
    void twoInconclusiveRoundsCountAsOneFailure() {
        Verdict first = AnalysisJudge.judge(ORDERS, 0, 0, results(INCONCLUSIVE));
        Verdict second = AnalysisJudge.judge(ORDERS, first.failedChecks(), first.inconclusiveStreak(),
                results(INCONCLUSIVE));

        assertThat(second).isEqualTo(new Verdict(1, 0, false,
                "1 inconclusive (check-0); 2 inconclusive in a row count as one failed; failed checks 1 of 2: go on"));
    }

    @Test
    void fourInconclusiveRoundsReachThresholdTwo() {
        Verdict verdict = new Verdict(0, 0, false, "start");
        for (int round = 0; round < 4; round++) {
            verdict = AnalysisJudge.judge(ORDERS, verdict.failedChecks(), verdict.inconclusiveStreak(),
                    results(INCONCLUSIVE));
        }

        assertThat(verdict).extracting(Verdict::failedChecks, Verdict::inconclusiveStreak, Verdict::rollback)
                .containsExactly(2, 0, true);
    }

    @Test
    void aRoundWithoutInconclusiveResultStartsTheStreakAgain() {
        Verdict first = AnalysisJudge.judge(ORDERS, 0, 0, results(INCONCLUSIVE));
        Verdict clean = AnalysisJudge.judge(ORDERS, first.failedChecks(), first.inconclusiveStreak(), results(PASS));
        Verdict again = AnalysisJudge.judge(ORDERS, clean.failedChecks(), clean.inconclusiveStreak(),
                results(INCONCLUSIVE));

        assertThat(clean.inconclusiveStreak()).isZero();
        assertThat(again).extracting(Verdict::failedChecks, Verdict::inconclusiveStreak).containsExactly(0, 1);
    }

    @Test
    void aFailedRoundWithoutInconclusiveResultAlsoStartsTheStreakAgain() {
        assertThat(AnalysisJudge.judge(ORDERS, 0, 1, results(FAIL)))
                .extracting(Verdict::failedChecks, Verdict::inconclusiveStreak).containsExactly(1, 0);
    }

    @Test
    void inconclusiveResultsInOneRoundExtendTheStreakTogether() {
        assertThat(AnalysisJudge.judge(ORDERS, 0, 0, results(INCONCLUSIVE, PASS, INCONCLUSIVE)))
                .extracting(Verdict::failedChecks, Verdict::inconclusiveStreak).containsExactly(1, 0);
    }

    @Test
    void withTheDefaultPolicyEveryInconclusiveResultIsAFailure() {
        Analysis defaults = policy(1, 1);

        Verdict verdict = AnalysisJudge.judge(defaults, 0, 0, results(INCONCLUSIVE));

        assertThat(verdict).isEqualTo(new Verdict(1, 0, true,
                "1 inconclusive (check-0); inconclusive counts as failed; failed checks 1 of 1: roll back"));
    }

    @Test
    void aStreakLongerThanALoweredLimitCountsOnceAtTheNextInconclusive() {
        assertThat(AnalysisJudge.judge(policy(5, 2), 0, 3, results(INCONCLUSIVE)))
                .extracting(Verdict::failedChecks, Verdict::inconclusiveStreak).containsExactly(1, 0);
    }

    @Test
    void failedChecksAlreadyAtThresholdStillRollBack() {
        assertThat(AnalysisJudge.judge(ORDERS, 2, 0, results(PASS)).rollback()).isTrue();
    }

    @Test
    void negativeCountsFromTheRecordAreABug() {
        assertThatThrownBy(() -> AnalysisJudge.judge(ORDERS, -1, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnalysisJudge.judge(ORDERS, 0, -1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Every reachable state and round up to a few checks, against the rule in closed form: a round adds its failures
     * plus one for every {@code after} inconclusive results in a row, counting the streak it started with.
     */
    @Test
    void everySmallRoundFollowsTheRuleInClosedForm() {
        int cases = 0;
        for (int after = 1; after <= 4; after++) {
            for (int threshold = 1; threshold <= 5; threshold++) {
                Analysis policy = policy(threshold, after);
                for (int failedSoFar = 0; failedSoFar <= 4; failedSoFar++) {
                    for (int streak = 0; streak < after; streak++) {
                        for (int fails = 0; fails <= 3; fails++) {
                            for (int inconclusive = 0; inconclusive <= 4; inconclusive++) {
                                for (int passes = 0; passes <= 2; passes++) {
                                    List<CheckResult> round = round(fails, inconclusive, passes);
                                    int failed = failedSoFar + fails + (streak + inconclusive) / after;
                                    int nextStreak = inconclusive == 0 ? 0 : (streak + inconclusive) % after;

                                    assertThat(AnalysisJudge.judge(policy, failedSoFar, streak, round))
                                            .as("after %d threshold %d failed %d streak %d round %s", after,
                                                    threshold, failedSoFar, streak, round)
                                            .extracting(Verdict::failedChecks, Verdict::inconclusiveStreak,
                                                    Verdict::rollback)
                                            .containsExactly(failed, nextStreak, failed >= threshold);
                                    cases++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(10_000);
    }

    @Test
    void theOrderOfResultsInARoundDoesNotChangeTheVerdictCounts() {
        Analysis policy = policy(3, 2);
        List<CheckOutcome> outcomes = List.of(FAIL, INCONCLUSIVE, PASS, INCONCLUSIVE, INCONCLUSIVE);
        Verdict reference = AnalysisJudge.judge(policy, 0, 1, results(outcomes.toArray(CheckOutcome[]::new)));
        for (List<CheckOutcome> order : permutations(outcomes)) {
            Verdict verdict = AnalysisJudge.judge(policy, 0, 1, results(order.toArray(CheckOutcome[]::new)));

            assertThat(verdict).extracting(Verdict::failedChecks, Verdict::inconclusiveStreak, Verdict::rollback)
                    .containsExactly(reference.failedChecks(), reference.inconclusiveStreak(), reference.rollback());
        }
    }

    private static Analysis policy(int threshold, int inconclusiveAsFailureAfter) {
        return new Analysis(List.of(), List.of(), threshold, inconclusiveAsFailureAfter, 2, Optional.empty());
    }

    private static List<CheckResult> results(CheckOutcome... outcomes) {
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            results.add(new CheckResult("check-" + i, outcomes[i], outcomes[i].name().toLowerCase()));
        }
        return results;
    }

    private static List<CheckResult> round(int fails, int inconclusive, int passes) {
        List<CheckOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < fails; i++) {
            outcomes.add(FAIL);
        }
        for (int i = 0; i < inconclusive; i++) {
            outcomes.add(INCONCLUSIVE);
        }
        for (int i = 0; i < passes; i++) {
            outcomes.add(PASS);
        }
        return results(outcomes.toArray(CheckOutcome[]::new));
    }

    private static List<List<CheckOutcome>> permutations(List<CheckOutcome> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<CheckOutcome>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<CheckOutcome> rest = new ArrayList<>(items);
            CheckOutcome first = rest.remove(i);
            for (List<CheckOutcome> tail : permutations(rest)) {
                List<CheckOutcome> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                all.add(permutation);
            }
        }
        return all;
    }
}
