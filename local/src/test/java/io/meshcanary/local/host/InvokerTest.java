package io.meshcanary.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.local.host.HostPlan.HostedFunction;
import io.meshcanary.local.support.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

class InvokerTest {
    private static final String NAMESPACE = "InvokerTest";
    private static final CountDownLatch FIRST_HAS_ADDED = new CountDownLatch(1);
    private static final CountDownLatch SECOND_HAS_FLUSHED = new CountDownLatch(1);

    /**
     * Two invocations that overlap, each adding its own metric and dimension before it flushes, as two rollouts'
     * steps do in the one function host. In Lambda each has a process (or, on a multi-concurrency runtime, a trace id
     * that Powertools keys its metrics by) to itself; here they share the JVM.
     */
    @Test
    @ResourceLock(Resources.SYSTEM_OUT)
    void overlappingInvocationsEachFlushTheirOwnMetrics() throws Throwable {
        HostedFunction first = function("First", FirstMetricHandler.class);
        HostedFunction second = function("Second", SecondMetricHandler.class);
        Invoker invoker = new Invoker(List.of(first, second),
                new JsonLog(new PrintStream(OutputStream.nullOutputStream())));

        List<JsonNode> flushed = emfLinesWhile(() -> {
            CompletableFuture<InvocationResult> firstResult =
                    CompletableFuture.supplyAsync(() -> invoker.invoke(first, new byte[0], Invoker.newRequestId()));
            InvocationResult secondResult = invoker.invoke(second, new byte[0], Invoker.newRequestId());
            assertThat(secondResult).isInstanceOf(InvocationResult.Success.class);
            assertThat(firstResult.get(30, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
        });

        assertThat(flushed).extracting(line -> line.path("Invocation").asText() + ":" + metricNames(line))
                .containsExactlyInAnyOrder("first:[First]", "second:[Second]");
    }

    private static HostedFunction function(String name, Class<?> handler) {
        return new HostedFunction(name, "arn:aws:lambda:eu-west-1:000000000000:function:" + name, handler.getName(),
                30, 512, 0, 60, null);
    }

    private static String metricNames(JsonNode line) {
        return line.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").findValuesAsText("Name").toString();
    }

    /** The EMF lines of this test's namespace that Powertools printed (AWS_EMF_ENVIRONMENT=Local) during action. */
    private static List<JsonNode> emfLinesWhile(Executable action) throws Throwable {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.execute();
        } finally {
            System.setOut(original);
        }
        ObjectMapper json = new ObjectMapper();
        return captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("\"" + NAMESPACE + "\""))
                .map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (IOException e) {
                        throw new IllegalStateException("not JSON: " + line, e);
                    }
                })
                .toList();
    }

    private static void addOwnMetric(String name, String invocation) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(NAMESPACE);
        metrics.addDimension(DimensionSet.of("Invocation", invocation));
        metrics.addMetric(name, 1, MetricUnit.COUNT);
    }

    private static void awaitOther(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the other invocation's turn").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static final class FirstMetricHandler implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) {
            addOwnMetric("First", "first");
            FIRST_HAS_ADDED.countDown();
            awaitOther(SECOND_HAS_FLUSHED);
            MetricsFactory.getMetricsInstance().flush();
        }
    }

    public static final class SecondMetricHandler implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) {
            awaitOther(FIRST_HAS_ADDED);
            addOwnMetric("Second", "second");
            MetricsFactory.getMetricsInstance().flush();
            SECOND_HAS_FLUSHED.countDown();
        }
    }
}
