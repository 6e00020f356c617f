package io.meshcanary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** {@code meshcanary resync}: invokes the stack's resync function, as its schedule does, and prints the drift. */
@Command(name = "resync", description = {"Run the resync now and print the drift it found.",
        "Compares every onboarded app (or the ones named) with what runs and what the router holds, and repairs"
                + " the drift; --dry-run only reports it."})
final class ResyncCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-20s %-28s %-8s %s";
    /** The alias template.yaml publishes every function's version under (AutoPublishAlias). */
    private static final String LIVE_ALIAS = "live";

    @ParentCommand
    private MeshCanary root;

    @Mixin
    private OutputOption output;

    @Option(names = "--dry-run", description = "report the drift and change nothing")
    private boolean dryRun;

    @Parameters(arity = "0..*", paramLabel = "APP", description = "<app> or <cluster>/<app> (default: every app)")
    private List<String> names = List.of();

    @Override
    public Integer call() {
        Operator operator = root.operator();
        ObjectNode payload = JSON.createObjectNode().put("dryRun", dryRun);
        if (!names.isEmpty()) {
            names.stream().map(operator::app).forEach(app -> payload.withArrayProperty("services").add(app.key()));
        }
        // The live alias, as the schedule invokes it: $LATEST has no SnapStart snapshot and starts cold.
        InvokeResponse response = operator.clients.lambda().invoke(request -> request
                .functionName(operator.stack.resyncFunction()).qualifier(LIVE_ALIAS)
                .payload(SdkBytes.fromUtf8String(payload.toString())));
        JsonNode result = read(response.payload().asUtf8String());
        if (response.functionError() != null) {
            throw CliException.refused("the resync function %s failed: %s".formatted(operator.stack.resyncFunction(),
                    result.path("errorMessage").asText(result.toString())));
        }
        if (output.json()) {
            OutputOption.print(root.out, result);
            return 0;
        }
        print(result);
        return 0;
    }

    private void print(JsonNode result) {
        JsonNode drifts = result.path("drifts");
        root.out.printf("%s: %d checked, %d drifts%s%n", result.path("dryRun").asBoolean() ? "dry run"
                : "resync", result.path("servicesChecked").asInt(), drifts.size(), result.path("dryRun").asBoolean()
                ? ", nothing changed" : "");
        if (!drifts.isEmpty()) {
            root.out.println(ROW.formatted("KIND", "SERVICE", "REPAIRED", "FOUND; REPAIR"));
            for (JsonNode drift : drifts) {
                root.out.println(ROW.formatted(drift.path("kind").asText(), drift.path("service").asText(),
                        drift.path("repaired").asBoolean() ? "yes" : "no",
                        drift.path("found").asText() + "; " + drift.path("repair").asText()));
            }
        }
        for (JsonNode error : result.path("errors")) {
            root.out.println("not checked: " + error.asText());
        }
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("the resync function answered no JSON: " + payload, e);
        }
    }
}
