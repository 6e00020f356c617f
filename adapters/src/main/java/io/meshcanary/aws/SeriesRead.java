package io.meshcanary.aws;

import io.meshcanary.spec.MetricQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One judged metric on one track, as the queries of a shared GetMetricData request: every id gets the read's prefix,
 * in the expressions too, so that the same metric of both tracks, and metrics that reuse an id, share a request.
 *
 * @param queries the metric's queries with the track's placeholders resolved
 */
record SeriesRead(String metric, boolean canary, String prefix, List<MetricQuery> queries) {

    /**
     * GetMetricData takes at most 500 queries per call, and returns at most 100,800 datapoints per call (more are
     * paged): "Amazon CloudWatch API Reference, GetMetricData" and "CloudWatch service quotas".
     */
    static final int MAX_QUERIES = 500;
    static final int MAX_DATAPOINTS = 100_800;

    SeriesRead {
        queries = List.copyOf(queries);
    }

    /** The id of the query whose datapoints are the samples. */
    String sampledId() {
        return prefix + queries.stream().filter(MetricQuery::returnData).findFirst().orElseThrow().id();
    }

    /** The queries with prefixed ids; an expression's references to the metric's own ids are prefixed as well. */
    List<MetricQuery> prefixed() {
        Pattern ids = Pattern.compile("\\b(" + queries.stream().map(MetricQuery::id).map(Pattern::quote)
                .collect(Collectors.joining("|")) + ")\\b");
        return queries.stream().map(query -> new MetricQuery(prefix + query.id(),
                query.expression().map(text -> ids.matcher(text).replaceAll(match ->
                        Matcher.quoteReplacement(prefix + match.group(1)))),
                query.metric(), query.returnData())).toList();
    }

    /**
     * Packs the reads, in order, into as few requests as the limits allow; a metric's queries stay in one request,
     * since its expressions refer to each other.
     *
     * @param datapoints how many periods each read's sampled query returns
     */
    static List<List<SeriesRead>> batches(List<SeriesRead> reads, int datapoints) {
        List<List<SeriesRead>> batches = new ArrayList<>();
        List<SeriesRead> batch = new ArrayList<>();
        int queries = 0;
        int points = 0;
        for (SeriesRead read : reads) {
            if (!batch.isEmpty() && (queries + read.queries().size() > MAX_QUERIES
                    || points + datapoints > MAX_DATAPOINTS)) {
                batches.add(batch);
                batch = new ArrayList<>();
                queries = 0;
                points = 0;
            }
            batch.add(read);
            queries += read.queries().size();
            points += datapoints;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
