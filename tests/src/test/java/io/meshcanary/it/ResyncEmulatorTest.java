package io.meshcanary.it;

import static io.meshcanary.it.Emulator.AWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshcanary.local.demo.Router;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The resync end to end: the real function, invoked as an operator or the schedule invokes it, against the emulator.
 * Each test puts one kind of drift in the way it happens in an account (a lost event, a hand-edited route, a stopped
 * execution, a removed spec) and names its service, so that the other tests' apps are left alone.
 */
class ResyncEmulatorTest {

    private static final String FUNCTION = "ResyncFunction";

    @Test
    void ghostRegistrationIsRemovedAndTheMissingTaskIsRegistered() {
        Shop shop = Shop.onboarded();
        Task ghost = shop.runTask(shop.app);
        Bus.put(shop.runningEvent(ghost));
        Eventually.until(shop::instances, instances -> instances.containsKey(Shop.taskId(ghost)),
                "the ghost's registration");
        shop.stopTask(ghost);
        Task missed = shop.runTask(shop.app + "-primary");

        JsonNode outcome = resync(false, shop.cluster + "/" + shop.app);

        assertThat(outcome.path("drifts")).extracting(drift -> drift.path("kind").asText(),
                drift -> drift.path("repaired").asBoolean()).containsExactly(
                tuple("GHOST_REGISTRATION", true), tuple("MISSING_REGISTRATION", true));
        assertThat(shop.instances()).containsOnlyKeys(Shop.taskId(missed));
        assertThat(shop.instances().get(Shop.taskId(missed))).containsEntry("track", "primary")
                .containsEntry("revision", "1").containsEntry("AWS_INSTANCE_PORT", "8080");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Router.class)
    void routeEditedByHandGoesBackToTheRecordsWeightsAndTheRepairIsAnnounced(Router router) {
        try (EventsQueue queue = new EventsQueue()) {
            CanaryApp app = new CanaryApp(router);
            app.bootstrap(app.spec());
            Object before = app.untouched();
            app.editWeights(30);

            JsonNode outcome = resync(false, app.service());

            assertThat(outcome.path("drifts")).singleElement().satisfies(drift -> {
                assertThat(drift.path("kind").asText()).isEqualTo("WEIGHT_DRIFT");
                assertThat(drift.path("found").asText()).contains("sends 30% to the canary")
                        .contains("SUCCEEDED rollout record says 0%");
            });
            assertThat(app.canaryWeight()).isZero();
            assertThat(app.untouched()).as("the rest of the team's route or rule stays").isEqualTo(before);
            // Other tests' resyncs run beside this one and announce their own repairs on the same bus.
            JsonNode repaired = Eventually.until(() -> queue.received().stream()
                    .filter(event -> event.path("detail-type").asText().equals("Drift Repaired"))
                    .filter(event -> event.path("detail").path("service").asText().equals(app.service())).toList(),
                    events -> !events.isEmpty(), "the Drift Repaired event of " + app.service()).getFirst();
            assertThat(repaired.path("detail").path("reason").asText())
                    .startsWith("WEIGHT_DRIFT: " + router.weighs + " ");
            assertThat(repaired.path("detail").path("canaryWeight").asInt()).isZero();
        }
    }

    /** The rollback scales the canary in only once the primary's targets are healthy, which Lattice lists. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Router.class, names = {"APP_MESH", "VPC_LATTICE"})
    void rolloutWhoseExecutionWasStoppedIsRolledBack(Router router) {
        CanaryApp app = new CanaryApp(router);
        String v1 = app.bootstrap(app.spec().put("intervalSeconds", 30));
        app.reportErrorRate(0.2);
        String v2 = app.registerRevision("orders:2");
        app.deploy(v2);
        JsonNode atTen = app.awaitStep(v2, 1);
        String execution = atTen.path("execution").asText();
        AWS.sfn.stopExecution(request -> request.executionArn(CanaryWorkflow.executionArn(execution))
                .error("Operator").cause("stopped from the console"));
        CanaryWorkflow.awaitEnd(execution);

        JsonNode outcome = resync(false, app.service());

        List<List<String>> drifts = found(outcome);
        assertThat(drifts.getFirst()).containsExactly("STUCK_ROLLOUT",
                "execution %s ended ABORTED but the rollout is still PROGRESSING".formatted(execution));
        // The rollback scales the canary in; ECS may stop its task before the task's event reaches the registry, and
        // the same pass then finds its registration a ghost.
        assertThat(drifts.subList(1, drifts.size())).allMatch(drift -> drift.getFirst().equals("GHOST_REGISTRATION"));
        JsonNode record = app.record().orElseThrow();
        assertThat(record.path("phase").asText()).isEqualTo("FAILED");
        assertThat(record.path("reason").asText()).startsWith("Stuck: execution " + execution);
        assertThat(app.canaryWeight()).isZero();
        assertThat(app.service(app.app).orElseThrow().desiredCount()).isZero();
        assertThat(app.service(app.app + "-primary").orElseThrow().taskDefinition()).isEqualTo(v1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Router.class)
    void aDeletedSpecWhileTheTwinServesIsReportedAsDriftAndNothingIsRemoved(Router router) {
        CanaryApp app = new CanaryApp(router);
        app.bootstrap(app.spec());
        Map<String, Map<String, String>> registrations = app.instances();
        List<String> nodes = app.virtualNodes();
        Object route = app.untouched();
        app.deleteSpec();

        JsonNode outcome = resync(false, app.service());

        assertThat(outcome.path("drifts")).singleElement().satisfies(drift -> {
            assertThat(drift.path("kind").asText()).isEqualTo("SPEC_MISSING");
            assertThat(drift.path("found").asText()).startsWith(app.service() + " has no canary spec, but its twin "
                    + app.app + "-primary runs");
            assertThat(drift.path("repaired").asBoolean()).isFalse();
        });
        assertThat(app.instances()).isEqualTo(registrations);
        assertThat(app.virtualNodes()).isEqualTo(nodes);
        assertThat(app.untouched()).isEqualTo(route);
        assertThat(app.canaryWeight()).isZero();
        assertThat(app.service(app.app + "-primary").orElseThrow().desiredCount()).isPositive();
    }

    @Test
    void nodesAndRegistrationsOfAnAppWhoseSpecAndTwinAreGoneAreRemoved() {
        CanaryApp app = new CanaryApp();
        app.bootstrap(app.spec());
        assertThat(app.virtualNodes()).contains(app.app + "-primary");
        app.deleteSpec();
        AWS.ecs.deleteService(request -> request.cluster(app.cluster).service(app.app + "-primary").force(true));

        JsonNode outcome = resync(false, app.service());

        assertThat(outcome.path("drifts")).extracting(drift -> drift.path("kind").asText())
                .contains("ORPHAN_REGISTRATION", "ORPHAN_VIRTUAL_NODE")
                .allMatch(kind -> kind.startsWith("ORPHAN_"));
        assertThat(app.virtualNodes()).noneMatch(node -> node.startsWith(app.app + "-"));
        assertThat(app.instances()).isEmpty();
        assertThat(resync(false, app.service()).path("drifts")).as("nothing left for the next resync").isEmpty();
    }

    @Test
    void dryRunReportsTheSameDriftAsTheRepairAndChangesNothing() {
        CanaryApp app = new CanaryApp();
        String v1 = app.bootstrap(app.spec());
        app.editWeights(40);
        Task missed = app.runTask(app.app + "-primary", v1);
        Map<String, Map<String, String>> registrations = app.instances();
        JsonNode record = app.record().orElseThrow();

        JsonNode dry = resync(true, app.service());

        assertThat(dry.path("dryRun").asBoolean()).isTrue();
        assertThat(app.canaryWeight()).isEqualTo(40);
        assertThat(app.instances()).isEqualTo(registrations).doesNotContainKey(Shop.taskId(missed));
        assertThat(app.record().orElseThrow()).isEqualTo(record);
        JsonNode repair = resync(false, app.service());
        assertThat(found(dry)).containsExactlyElementsOf(found(repair))
                .extracting(drift -> drift.get(0)).containsExactly("WEIGHT_DRIFT", "MISSING_REGISTRATION");
        assertThat(dry.path("drifts")).allMatch(drift -> !drift.path("repaired").asBoolean());
        assertThat(repair.path("drifts")).allMatch(drift -> drift.path("repaired").asBoolean());
        assertThat(app.canaryWeight()).isZero();
        assertThat(app.instances()).containsKey(Shop.taskId(missed));
    }

    @Test
    void malformedManualInputIsRejectedNamingTheFieldAndChangesNothing() {
        Shop shop = Shop.onboarded();
        Task missed = shop.runTask(shop.app);

        Functions.Invocation rejected = Functions.invoke(FUNCTION, "{\"dryRun\": \"yes\"}");

        assertThat(rejected.functionError()).isEqualTo("Unhandled");
        assertThat(rejected.payload().path("errorMessage").asText())
                .isEqualTo("dryRun: must be true or false, was \"yes\"");
        assertThat(shop.instances()).doesNotContainKey(Shop.taskId(missed)).isEmpty();
    }

    private static JsonNode resync(boolean dryRun, String service) {
        return Functions.invoke(FUNCTION, "{\"dryRun\": %s, \"services\": [\"%s\"]}".formatted(dryRun, service))
                .result();
    }

    /** Each drift's kind and what was found, in order: what a dry run and a repair must agree on. */
    private static List<List<String>> found(JsonNode outcome) {
        return outcome.path("drifts").valueStream()
                .map(drift -> List.of(drift.path("kind").asText(), drift.path("found").asText()))
                .toList();
    }
}
