package io.meshcanary.functions.resync;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.aws.Adapters;
import io.meshcanary.functions.events.EventHandling;
import io.meshcanary.resync.Drift;
import io.meshcanary.resync.Resync;
import io.meshcanary.resync.ResyncOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The schedule (or an operator) → one resync of every onboarded service: drift found is logged and counted, and
 * repaired unless the input asks for a dry run. The outcome is the invocation's result.
 */
public final class ResyncHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ResyncHandler.class);

    private final Resync resync;
    private final EventHandling handling = new EventHandling(ResyncHandler.class, "resync input");

    public ResyncHandler() {
        this(Adapters.fromEnvironment().resync());
    }

    ResyncHandler(Resync resync) {
        this.resync = resync;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handling.handle(input, output, context, this::resync);
    }

    private ResyncOutcome resync(JsonNode input) {
        ResyncOutcome outcome = resync.run(ResyncInput.read(input));
        handling.metrics().addMetric("DriftFound", outcome.drifts().size(), MetricUnit.COUNT);
        handling.metrics().addMetric("DriftRepaired", outcome.repaired(), MetricUnit.COUNT);
        handling.metrics().addMetric("ResyncErrors", outcome.errors().size(), MetricUnit.COUNT);
        for (Drift drift : outcome.drifts()) {
            handling.logAbout(drift.service(), null, null, () -> LOG.info(
                    drift.repaired() ? "drift repaired" : "drift found", entry("kind", drift.kind()),
                    entry("found", drift.found()), entry("repair", drift.repair())));
        }
        LOG.info("resync done", entry("dryRun", outcome.dryRun()), entry("servicesChecked", outcome.servicesChecked()),
                entry("drifts", outcome.drifts().size()), entry("repaired", outcome.repaired()),
                entry("errors", outcome.errors()));
        return outcome;
    }
}
