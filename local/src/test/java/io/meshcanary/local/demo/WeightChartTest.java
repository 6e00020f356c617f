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

    private static final Series PROMOTED = new Series("v2", "healthy", List.of(new Point(3.0, 0),
            new Point(5.3, 10), new Point(9.5, 20), new Point(13.6, 50), new Point(20.1, 0)),
            List.of(new Marker(20.1, "promoted")));
    private static final Series ROLLED_BACK = new Series("v3", "alarm fires mid-rollout", List.of(
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

        assertThat(html).contains("<title>demo &lt;orders&gt;</title>", "<h2>healthy</h2>",
                "<h2>alarm fires mid-rollout</h2>", ">promoted</text>", ">alarm</text>", ">reverted</text>",
                ">rolled back</text>");
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
        String html = WeightChart.html("demo", List.of(new Series("v2", "healthy",
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
}
