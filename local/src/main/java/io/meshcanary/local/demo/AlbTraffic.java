package io.meshcanary.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * What an Application Load Balancer reports to CloudWatch for the requests one target group served: RequestCount,
 * TargetResponseTime and, only for a period with such responses, HTTPCode_Target_5XX_Count (ALB publishes no zero).
 * The emulator sees no request, so a test or the demo reports the traffic it means the group to have served.
 */
public final class AlbTraffic {

    private static final String NAMESPACE = "AWS/ApplicationELB";
    /** ALB publishes one datapoint per minute; faster, the demo's time-lapse needs high resolution. */
    private static final int STANDARD_RESOLUTION = 60;
    private static final int HIGH_RESOLUTION = 1;
    /** The demo's users: enough that a 10% step gives the canary a few requests every second. */
    private static final int REQUESTS_PER_SECOND = 50;
    private static final double SECONDS_PER_REQUEST = 0.08;
    /**
     * The log-normal spread of a second's mean response time around {@link #SECONDS_PER_REQUEST} that every group
     * shares: the same users' requests, the same dependencies, a busy second busy for all. Comparing tracks over the
     * same seconds cancels it; it is why a judge reads a canary against a concurrent baseline.
     */
    private static final double SHARED_SPREAD = 0.1;
    /** The spread of each group's own on top: its tasks, its hosts. */
    private static final double OWN_SPREAD = 0.03;

    private final DemoShop shop;
    private final String loadBalancer;

    public AlbTraffic(DemoShop shop, AlbRule rule) {
        this.shop = shop;
        // The LoadBalancer dimension is the ARN's app/<name>/<id>.
        this.loadBalancer = rule.loadBalancer.substring(rule.loadBalancer.indexOf(":loadbalancer/")
                + ":loadbalancer/".length());
    }

    /**
     * {@code requests} requests to {@code targetGroup} (its ARN) in the period at {@code at}, {@code errors} of them
     * answered with a 5xx, each taking {@code seconds}; stored at {@code resolution} seconds.
     */
    public void served(String targetGroup, Instant at, int requests, int errors, double seconds, int resolution) {
        if (requests == 0) {
            return;
        }
        List<Dimension> dimensions = dimensions(targetGroup);
        List<MetricDatum> data = new ArrayList<>();
        data.add(datum("RequestCount", at, dimensions, resolution).value((double) requests)
                .unit(StandardUnit.COUNT).build());
        data.add(datum("TargetResponseTime", at, dimensions, resolution).values(seconds).counts((double) requests)
                .unit(StandardUnit.SECONDS).build());
        if (errors > 0) {
            data.add(datum("HTTPCode_Target_5XX_Count", at, dimensions, resolution).value((double) errors)
                    .unit(StandardUnit.COUNT).build());
        }
        shop.aws.cloudWatch.putMetricData(request -> request.namespace(NAMESPACE).metricData(data));
    }

    /** The dimensions ALB publishes a target group's metrics under: the load balancer's and the group's ARN ends. */
    public List<Dimension> dimensions(String targetGroup) {
        return List.of(dimension("LoadBalancer", loadBalancer),
                dimension("TargetGroup", targetGroup.substring(targetGroup.lastIndexOf(':') + 1)));
    }

    /** As {@link #served(String, Instant, int, int, double, int)}, at ALB's own one-minute resolution. */
    public void served(String targetGroup, Instant at, int requests, int errors, double seconds) {
        served(targetGroup, at, requests, errors, seconds, STANDARD_RESOLUTION);
    }

    /**
     * The example's checks in the demo's time-lapse: the spec's interval stands for the example's, so ALB's minute
     * becomes a second and the window shrinks in the same proportion; expressions, statistics, bounds and sample
     * counts stay as the example has them.
     */
    public static ArrayNode timeLapsed(JsonNode example, int intervalSeconds) {
        ArrayNode checks = ((ArrayNode) example.at("/analysis/metrics")).deepCopy();
        int exampleInterval = example.path("intervalSeconds").asInt();
        for (JsonNode check : checks) {
            ((ObjectNode) check).put("periodSeconds", HIGH_RESOLUTION)
                    .put("windowSeconds", check.path("windowSeconds").asInt() * intervalSeconds / exampleInterval);
        }
        return checks;
    }

    /**
     * A judge of what this traffic reports: the canary's mean response time per second against the primary's (the
     * twin's target group) over the last {@code windowSeconds}, a rise of more than 10% counting.
     */
    public static ObjectNode judge(int windowSeconds, int minSamples) {
        ObjectNode judge = JsonNodeFactory.instance.objectNode().put("periodSeconds", HIGH_RESOLUTION)
                .put("windowSeconds", windowSeconds).put("minSamples", minSamples);
        ObjectNode latency = judge.putArray("metrics").addObject().put("name", "latency")
                .put("allowedIncrease", 1.1);
        latency.putArray("queries").addObject().put("id", "rt").putObject("metric").put("namespace", NAMESPACE)
                .put("metricName", "TargetResponseTime").put("stat", "Average").putObject("dimensions")
                .put("LoadBalancer", "{{loadBalancer}}").put("TargetGroup", "{{targetGroup}}");
        return judge;
    }

    /**
     * Every group of {@code rule} answering well, the canary's revision {@code canarySlowdown} times as slow as the
     * primary's (asked each second, so a scenario may change it between releases).
     */
    public static Function<String, Answers> canarySlowedBy(AlbRule rule, DoubleSupplier canarySlowdown) {
        return group -> group.equals(rule.targetGroup) ? Answers.HEALTHY.slowerBy(canarySlowdown.getAsDouble())
                : Answers.HEALTHY;
    }

    /**
     * Sends the users' requests through {@code rule} every second, split between the app's groups as the rule weighs
     * them (its two tracks', and a judge's baseline's while it is there), each group answering as {@code answers}
     * says for it at that second; until closed. A second's response time varies as a service's does, log-normally by
     * about 10% around the typical one, nearly all of it shared by every group in that second and 3% each group's own.
     */
    public DemoTraffic following(AlbRule rule, Function<String, Answers> answers) {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "alb-traffic");
            thread.setDaemon(true);
            return thread;
        });
        Random variation = new Random();
        clock.scheduleAtFixedRate(() -> secondOfTraffic(rule, variation, answers), 0, 1, TimeUnit.SECONDS);
        return clock::shutdownNow;
    }

    private void secondOfTraffic(AlbRule rule, Random variation, Function<String, Answers> answers) {
        try {
            Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Map<String, Integer> weights = rule.appWeights();
            int total = weights.values().stream().mapToInt(Integer::intValue).sum();
            if (total == 0) {
                return;
            }
            double shared = Math.exp(SHARED_SPREAD * variation.nextGaussian());
            weights.forEach((group, weight) -> serve(group, second, REQUESTS_PER_SECOND * weight / total,
                    answers.apply(group), shared * Math.exp(OWN_SPREAD * variation.nextGaussian())));
        } catch (RuntimeException e) {
            // A second whose rule could not be read sends nothing; the next one tries again (an exception would
            // end the schedule).
            System.err.println("alb traffic: " + e.getMessage());
        }
    }

    /** @param variation this second's factor on {@code answered}'s typical response time */
    private void serve(String targetGroup, Instant second, int requests, Answers answered, double variation) {
        if (requests == 0) {
            return;
        }
        served(targetGroup, second, requests, (int) Math.round(requests * answered.errorShare()),
                answered.seconds() * variation, HIGH_RESOLUTION);
    }

    /**
     * How a target group's tasks answer: the share of requests answered with a 5xx, and the typical seconds each
     * takes.
     *
     * @param errorShare 0 to 1
     */
    public record Answers(double errorShare, double seconds) {
        /** No error, and well under the ALB example's p99 limit of 0.5 s. */
        public static final Answers HEALTHY = new Answers(0, SECONDS_PER_REQUEST);

        /** The same errors, each request {@code factor} times as slow. */
        public Answers slowerBy(double factor) {
            return new Answers(errorShare, seconds * factor);
        }
    }

    private static MetricDatum.Builder datum(String name, Instant at, List<Dimension> dimensions, int resolution) {
        return MetricDatum.builder().metricName(name).timestamp(at).dimensions(dimensions)
                .storageResolution(resolution);
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
