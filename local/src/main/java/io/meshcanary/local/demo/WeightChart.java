package io.meshcanary.local.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A self-contained HTML page (inline SVG, no scripts, nothing fetched) with one chart per rollout: the canary's and
 * the primary's share of the route over time, as sampled from the route, with markers for what happened.
 */
public final class WeightChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 200;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 28;

    /** The route's canary weight at {@code seconds} since the demo started; the primary has the rest. */
    public record Point(double seconds, int canary) {
    }

    /** Something that happened at {@code seconds}: the alarm, the revert, the promotion. */
    public record Marker(double seconds, String text) {
    }

    /** One rollout's weights over time. */
    public record Series(String label, String title, List<Point> points, List<Marker> markers) {
        public Series {
            points = List.copyOf(points);
            markers = List.copyOf(markers);
        }
    }

    private WeightChart() {
    }

    public static Path write(Path file, String title, List<Series> rollouts) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, html(title, rollouts));
        } catch (IOException e) {
            throw new UncheckedIOException("write the chart " + file, e);
        }
    }

    public static String html(String title, List<Series> rollouts) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s</title>
                <style>
                body { font: 14px system-ui, sans-serif; margin: 24px; color: #222; }
                .canary { stroke: #e4572e; } .primary { stroke: #2e86ab; }
                polyline { fill: none; stroke-width: 2.5; } .axis { stroke: #999; } .grid { stroke: #eee; }
                .marker { stroke: #555; stroke-dasharray: 4 3; } text { font-size: 11px; fill: #444; }
                </style></head><body>
                <h1>%1$s</h1>
                <p><span style="color:#2e86ab">&#9632; primary</span> &nbsp;
                <span style="color:#e4572e">&#9632; canary</span> &nbsp; share of the route's traffic, read back from
                the route while the rollout ran</p>
                %2$s
                </body></html>
                """.formatted(escape(title), rollouts.stream().map(WeightChart::chart)
                .collect(Collectors.joining("\n")));
    }

    private static String chart(Series series) {
        Scale scale = Scale.of(series);
        StringBuilder svg = new StringBuilder();
        svg.append("<h2>").append(escape(series.title())).append("</h2>\n");
        svg.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">\n",
                WIDTH, HEIGHT));
        for (int weight = 0; weight <= 100; weight += 50) {
            svg.append(format("<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text x=\"8\" y=\"%.1f\">%d%%</text>\n", LEFT, WIDTH - RIGHT, scale.y(weight),
                    scale.y(weight), scale.y(weight) + 4, weight));
        }
        svg.append(format("<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                + "<text x=\"%d\" y=\"%d\">%.1fs</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.1fs</text>\n",
                LEFT, WIDTH - RIGHT, scale.y(0), scale.y(0), LEFT, HEIGHT - 6, scale.from(),
                WIDTH - RIGHT, HEIGHT - 6, scale.to()));
        svg.append(line(series, "primary", scale, true)).append(line(series, "canary", scale, false));
        for (int i = 0; i < series.markers().size(); i++) {
            Marker marker = series.markers().get(i);
            double x = scale.x(marker.seconds());
            // Markers close in time alternate between two rows, so that their labels do not overlap; near the
            // right edge a label stands left of its line.
            boolean leftOfLine = x > WIDTH - RIGHT - 100;
            svg.append(format("<line class=\"marker\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>\n", x, x, TOP - 4, scale.y(0),
                    leftOfLine ? x - 3 : x + 3, TOP - 8 + 12 * (i % 2), leftOfLine ? "end" : "start",
                    escape(marker.text())));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * A step line: a weight holds until the next sample. {@code data-weights} keeps the samples themselves
     * ({@code seconds:weight}), for whoever reads the page without inverting the scale.
     */
    private static String line(Series series, String track, Scale scale, boolean primary) {
        StringBuilder points = new StringBuilder();
        StringBuilder samples = new StringBuilder();
        Double previousY = null;
        for (Point point : series.points()) {
            int weight = primary ? 100 - point.canary() : point.canary();
            double x = scale.x(point.seconds());
            if (previousY != null) {
                points.append(format("%.1f,%.1f ", x, previousY));
            }
            previousY = scale.y(weight);
            points.append(format("%.1f,%.1f ", x, previousY));
            samples.append(format("%.1f:%d ", point.seconds(), weight));
        }
        return format("<polyline class=\"%s\" data-rollout=\"%s\" data-weights=\"%s\" points=\"%s\"/>\n", track,
                escape(series.label()), samples.toString().strip(), points.toString().strip());
    }

    private record Scale(double from, double to) {
        static Scale of(Series series) {
            double from = series.points().stream().mapToDouble(Point::seconds).min().orElse(0);
            double to = series.points().stream().mapToDouble(Point::seconds).max().orElse(from);
            return new Scale(from, Math.max(to, from + 1));
        }

        double x(double seconds) {
            return LEFT + (seconds - from) / (to - from) * (WIDTH - LEFT - RIGHT);
        }

        double y(int weight) {
            return TOP + (100 - weight) / 100.0 * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static String format(String template, Object... values) {
        return String.format(Locale.ROOT, template, values);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
