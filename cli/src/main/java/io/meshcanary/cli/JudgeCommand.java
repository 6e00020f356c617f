package io.meshcanary.cli;

import io.meshcanary.judge.Direction;
import io.meshcanary.judge.MetricClassifier;
import io.meshcanary.judge.MetricJudgement;
import io.meshcanary.judge.RankSumResult;
import io.meshcanary.judge.SeriesSummary;
import io.meshcanary.judge.Thresholds;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code meshcanary judge --canary FILE --baseline FILE}: the judge's class of one metric from exported samples, so
 * that a team can tune its thresholds offline on data it already has.
 */
@Command(name = "judge", description = {"Judge one metric's canary samples against the baseline's, offline.",
        "The two-sided Mann-Whitney U test and the Hodges-Lehmann shift with its interval, as a rollout's judge"
                + " computes them; prints one JSON object.",
        "A FILE holds a JSON array of numbers or one number per line. Exits 0 with the class printed, 2 on bad"
                + " input. Needs no stack and no AWS credentials."})
final class JudgeCommand implements Callable<Integer> {

    @ParentCommand
    private MeshCanary root;

    @Option(names = "--canary", required = true, paramLabel = "FILE", description = "the canary's samples")
    private Path canary;

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "the baseline's samples")
    private Path baseline;

    @Option(names = "--direction", defaultValue = "increase", paramLabel = "D",
            description = "which change is bad: increase, decrease or either (default: ${DEFAULT-VALUE})")
    private String direction;

    @Option(names = "--confidence", defaultValue = "0.98", paramLabel = "C",
            description = "the interval's confidence, in (0, 1) (default: ${DEFAULT-VALUE})")
    private double confidence;

    @Option(names = "--allowed-increase", defaultValue = "1.0", paramLabel = "R",
            description = "the ratio of means canary / baseline that is not yet a rise (default: ${DEFAULT-VALUE})")
    private double allowedIncrease;

    @Option(names = "--allowed-decrease", defaultValue = "1.0", paramLabel = "R",
            description = "the ratio of means canary / baseline that is not yet a fall (default: ${DEFAULT-VALUE})")
    private double allowedDecrease;

    @Override
    public Integer call() {
        Thresholds thresholds;
        try {
            thresholds = new Thresholds(Direction.fromLabel(direction), confidence, allowedIncrease, allowedDecrease,
                    1);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("judge: " + e.getMessage());
        }
        MetricJudgement judgement = MetricClassifier.classify(SampleFile.read(canary), SampleFile.read(baseline),
                thresholds);
        OutputOption.print(root.out, Judged.of(judgement));
        return 0;
    }

    /** The JSON the verb prints; a field without a value (no test ran) is null. */
    record Judged(String classification, Double pValue, Double statistic, Double hodgesLehmann, List<Double> interval,
            Boolean exact, Track canary, Track baseline) {

        static Judged of(MetricJudgement judgement) {
            Optional<RankSumResult> test = judgement.test();
            return new Judged(judgement.classification().label(),
                    test.map(RankSumResult::pValue).orElse(null),
                    test.map(RankSumResult::statistic).orElse(null),
                    test.map(RankSumResult::hodgesLehmann).orElse(null),
                    test.map(result -> List.of(result.low(), result.high())).orElse(null),
                    test.map(RankSumResult::exact).orElse(null),
                    Track.of(judgement.canary()), Track.of(judgement.baseline()));
        }
    }

    record Track(int count, Double median, Double mean) {

        static Track of(SeriesSummary summary) {
            return summary.count() == 0 ? new Track(0, null, null)
                    : new Track(summary.count(), summary.median(), summary.mean());
        }
    }
}
