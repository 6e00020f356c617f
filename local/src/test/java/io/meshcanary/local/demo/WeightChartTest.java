package io.meshcanary.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.local.demo.WeightChart.Marker;
import io.meshcanary.local.demo.WeightChart.Point;
import io.meshcanary.local.demo.WeightChart.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightChartTest {

    private static final Pattern POLYLINE = Pattern.compile(
            "<polyline class=\"(\\w+)\" data-rollout=\"([^\"]+)\" data-weights=\"([^\"]*)\"");

    private static final Series PROMOTED = new Series("v2", "orders:2", "healthy", List.of(new Point(3.0, 0),
            new Point(5.3, 10), new Point(9.5, 20), new Point(13.6, 50), new Point(20.1, 0)),
            List.of(new Marker(20.1, "promoted")));
    private static final Series ROLLED_BACK = new Series("v3", "orders:3", "alarm fires mid-rollout", List.of(
            new Point(20.6, 0), new Point(22.6, 10), new Point(26.8, 20), new Point(27.1, 0), new Point(31.0, 0)),
            List.of(new Marker(26.8, "alarm"), new Marker(27.1, "reverted"), new Marker(31.0, "rolled back")));

    @Test
    void eachRolloutGetsACanaryAndAPrimarySeriesOfItsSampledWeights() {
        String html = WeightChart.html("demo", List.of(PROMOTED, ROLLED_BACK));

        assertThat(series(html)).containsExactly(
                "primary v2 3.0:100 5.3:90 9.5:80 13.6:50 20.1:100",
                "canary v2 3.0:0 5.3:10 9.5:20 13.6:50 20.1:0",
                "primary v3 20.6:100 22.6:90 26.8:80 27.1:100 31.0:100",
                "canary v3 20.6:0 22.6:10 26.8:20 27.1:0 31.0:0");
    }

    @Test
    void markersAndTitlesAreLabelledOnTheChart() {
        String html = WeightChart.html("demo <orders>", List.of(PROMOTED, ROLLED_BACK));

        assertThat(html).contains("<title>demo &lt;orders&gt;</title>", "<h2>v2 orders:2: healthy</h2>",
                "<h2>v3 orders:3: alarm fires mid-rollout</h2>", ">promoted</text>", ">alarm</text>",
                ">reverted</text>", ">rolled back</text>");
    }

    @Test
    void eachChartSpansThePageOnATimeAxisWithTicks() {
        String html = WeightChart.html("demo", List.of(PROMOTED));

        // 3.0 s to 20.1 s: a tick every 2 s, from 4 s to 20 s.
        assertThat(html).contains("viewBox=\"0 0 960 200\"", "svg { width: 100%; height: auto;", ">4s</text>",
                ">20s</text>").doesNotContain("width=\"720\"", ">2s</text>", ">22s</text>");
        assertThat(Pattern.compile("class=\"tick\"").matcher(html).results().count()).isEqualTo(9);
    }

    @Test
    void markerLabelsCloseInTimeTakeRowsOfTheirOwn() {
        String html = WeightChart.html("demo", List.of(ROLLED_BACK));

        // The revert came 0.3 s after the alarm: their labels would overlap on one row.
        assertThat(labelRow(html, "alarm")).isNotEqualTo(labelRow(html, "reverted"));
        assertThat(labelRow(html, "rolled back")).isEqualTo(labelRow(html, "alarm"));
    }

    @Test
    void thePrimaryIsDrawnWideUnderTheCanarySoThatBothShowAt5050() {
        String html = WeightChart.html("demo", List.of(PROMOTED));

        assertThat(html).contains(".primary { stroke: #2e86ab; stroke-width: 7;", ".canary { stroke: #e4572e; "
                + "stroke-width: 2.5; }");
        assertThat(html.indexOf("<polyline class=\"primary\"")).isLessThan(html.indexOf("<polyline class=\"canary\""));
    }

    @Test
    void thePageIsSelfContained(@TempDir Path dir) throws IOException {
        Path written = WeightChart.write(dir.resolve("demo/rollouts.html"), "demo", List.of(PROMOTED));

        String html = Files.readString(written);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script", "src=", "href=");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http");
    }

    @Test
    void aStepLineHoldsEachWeightUntilTheNextSample() {
        String html = WeightChart.html("demo", List.of(new Series("v2", "orders:2", "healthy",
                List.of(new Point(0, 0), new Point(1, 100)), List.of())));

        Matcher canary = Pattern.compile("class=\"canary\"[^>]* points=\"([^\"]+)\"").matcher(html);
        assertThat(canary.find()).isTrue();
        String[] points = canary.group(1).split(" ");
        assertThat(points).hasSize(3);
        assertThat(points[1]).as("the weight holds at 0% until the second sample's time")
                .startsWith(points[2].split(",")[0] + ",").endsWith("," + points[0].split(",")[1]);
    }

    private static List<String> series(String html) {
        return POLYLINE.matcher(html).results()
                .map(match -> match.group(1) + " " + match.group(2) + " " + match.group(3)).toList();
    }

    private static String labelRow(String html, String label) {
        Matcher text = Pattern.compile("<text x=\"[0-9.]+\" y=\"([0-9.]+)\" text-anchor=\"\\w+\">"
                + Pattern.quote(label) + "</text>").matcher(html);
        assertThat(text.find()).as("the label %s", label).isTrue();
        return text.group(1);
    }
}
