package io.meshcanary.judge;

import java.util.Arrays;

/** What a track's samples looked like: shown beside every class so that a reader can check it. */
public record SeriesSummary(int count, double median, double mean) {

    public static SeriesSummary of(double[] values) {
        if (values.length == 0) {
            return new SeriesSummary(0, Double.NaN, Double.NaN);
        }
        return new SeriesSummary(values.length, RankSumTest.median(values), Arrays.stream(values).average()
                .orElseThrow());
    }
}
