package io.meshcanary.local.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        List<Dimension> dimensions = List.of(dimension("LoadBalancer", loadBalancer),
                dimension("TargetGroup", targetGroup.substring(targetGroup.lastIndexOf(':') + 1)));
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

    /** As {@link #served(String, Instant, int, int, double, int)}, at ALB's own one-minute resolution. */
    public void served(String targetGroup, Instant at, int requests, int errors, double seconds) {
        served(targetGroup, at, requests, errors, seconds, STANDARD_RESOLUTION);
    }

    private static MetricDatum.Builder datum(String name, Instant at, List<Dimension> dimensions, int resolution) {
        return MetricDatum.builder().metricName(name).timestamp(at).dimensions(dimensions)
                .storageResolution(resolution);
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
