package io.meshcanary.local.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A self-contained HTML page (inline SVG, no scripts, nothing fetched) with one chart per rollout: the canary's and
 * the primary's share of the route over time, as sampled from the route, on a time axis with ticks, and markers for
 * what happened (steps, gates, the alarm, the revert, the end). Each chart spans the page's width.
 */
public final class WeightChart {

    /** The drawing's own units; the page scales it to its width. */
    private static final int WIDTH = 960;
    private static final int HEIGHT = 200;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 44;
    private static final int BOTTOM = 28;
    /** Marker labels closer than this share no row. */
    private static final int LABEL_WIDTH = 90;
    private static final int LABEL_ROWS = 3;
    private static final double[] TICK_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300};
    private static final int MOST_TICKS = 12;

    /** The route's canary weight at {@code seconds} since the demo started; the primary has the rest. */
    public record Point(double seconds, int canary) {
    }

    /** Something that happened at {@code seconds}: the alarm, the revert, the promotion. */
    public record Marker(double seconds, String text) {
    }

    /**
     * One rollout's weights over time.
     *
     * @param revision the revision it released, e.g. {@code orders-1a2b3c:2}
     */
    public record Series(String label, String revision, String title, List<Point> points, List<Marker> markers) {
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
                svg { width: 100%%; height: auto; display: block; }
                polyline { fill: none; } .axis, .tick { stroke: #999; } .grid { stroke: #eee; }
                .primary { stroke: #2e86ab; stroke-width: 7; stroke-opacity: 0.45; }
                .canary { stroke: #e4572e; stroke-width: 2.5; }
                .marker { stroke: #555; stroke-dasharray: 4 3; } text { font-size: 12px; fill: #444; }
                </style></head><body>
                <h1>%1$s</h1>
                <p><span style="color:#2e86ab">&#9632; primary</span> (wide, so that it shows under the canary at
                50/50) &nbsp; <span style="color:#e4572e">&#9632; canary</span> &nbsp; share of the route's traffic,
                read back from the route while the rollout ran; seconds since the demo started. In a bootstrap the
                canary track is the team's own service, whose traffic the twin (the primary) takes.</p>
                %2$s
                </body></html>
                """.formatted(escape(title), rollouts.stream().map(WeightChart::chart)
                .collect(Collectors.joining("\n")));
    }

    private static String chart(Series series) {
        Scale scale = Scale.of(series);
        StringBuilder svg = new StringBuilder();
        svg.append(format("<h2>%s %s: %s</h2>%n", escape(series.label()), escape(series.revision()),
                escape(series.title())));
        svg.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
                WIDTH, HEIGHT));
        for (int weight = 0; weight <= 100; weight += 50) {
            svg.append(format("<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text x=\"8\" y=\"%.1f\">%d%%</text>\n", LEFT, WIDTH - RIGHT, scale.y(weight),
                    scale.y(weight), scale.y(weight) + 4, weight));
        }
        svg.append(format("<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>%n", LEFT,
                WIDTH - RIGHT, scale.y(0), scale.y(0)));
        double step = tickStep(scale.to() - scale.from());
        for (double tick = Math.ceil(scale.from() / step) * step; tick <= scale.to(); tick += step) {
            double x = scale.x(tick);
            svg.append(format("<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0fs</text>%n", x, x, scale.y(0),
                    scale.y(0) + 4, x, HEIGHT - 8, tick));
        }
        svg.append(line(series, "primary", scale, true)).append(line(series, "canary", scale, false));
        double[] rowEnds = new double[LABEL_ROWS];
        Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
        for (Marker marker : series.markers()) {
            double x = scale.x(marker.seconds());
            // Each label takes the first row where it clears the one before it; near the right edge a label stands
            // left of its line.
            boolean leftOfLine = x > WIDTH - RIGHT - LABEL_WIDTH;
            double start = leftOfLine ? x - LABEL_WIDTH : x;
            int row = 0;
            while (row < LABEL_ROWS - 1 && rowEnds[row] > start) {
                row++;
            }
            rowEnds[row] = start + LABEL_WIDTH;
            svg.append(format("<line class=\"marker\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>%n", x, x, TOP - 4 - 13 * row,
                    scale.y(0), leftOfLine ? x - 3 : x + 3, TOP - 7 - 13 * row, leftOfLine ? "end" : "start",
                    escape(marker.text())));
        }
        return svg.append("</svg>").toString();
    }

    /** The smallest of the usual steps that puts at most {@link #MOST_TICKS} ticks on {@code span} seconds. */
    private static double tickStep(double span) {
        for (double step : TICK_STEPS) {
            if (span / step <= MOST_TICKS) {
                return step;
            }
        }
        return TICK_STEPS[TICK_STEPS.length - 1];
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
