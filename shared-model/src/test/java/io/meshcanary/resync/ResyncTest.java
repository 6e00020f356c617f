package io.meshcanary.resync;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLOUD_MAP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static io.meshcanary.testing.RolloutFakes.TASK_DEFINITION_6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.meshcanary.model.InvalidEventException;
import io.meshcanary.model.Track;
import io.meshcanary.registry.Endpoint;
import io.meshcanary.registry.Registration;
import io.meshcanary.registry.TaskChange;
import io.meshcanary.rollout.Phase;
import io.meshcanary.rollout.Rollout;
import io.meshcanary.rollout.RolloutEvent;
import io.meshcanary.rollout.Weights;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleSpecs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The resync against fakes of its ports. {@code orders} was released before (three primary tasks of revision 6) and
 * its rollout of revision 7 stands at 10% on one canary task, in sync, until each test puts one kind of drift in.
 */
class ResyncTest {

    private static final String SERVICE = "shop/orders";
    private static final String EXECUTION = "shop-orders-4719802350938163742";
    private static final ResyncRequest DRY_RUN = new ResyncRequest(true, Set.of());

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final Resync resync = fakes.resync();

    @Test
    void servicesInSyncReportNothingAndChangeNothing() {
        canaryAtTenPercent();
        RolloutFakes.Footprint before = fakes.footprint().ignoringMetricReads();

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).isEmpty();
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.servicesChecked()).isEqualTo(1);
        assertThat(fakes.footprint().ignoringMetricReads()).isEqualTo(before);
    }

    @Test
    void ghostRegistrationWhoseTaskStoppedIsDeregistered() {
        canaryAtTenPercent();
        TaskChange ghost = fakes.taskRuns(Track.PRIMARY, "6");
        fakes.directory().given(CLOUD_MAP, RolloutFakes.registration(ghost));
        fakes.tasks().stopped(ghost.taskArn());

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        String ghostId = RolloutFakes.registration(ghost).instanceId();
        assertThat(outcome.drifts()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(DriftKind.GHOST_REGISTRATION);
            assertThat(drift.found()).contains(ghostId);
            assertThat(drift.repaired()).isTrue();
        });
        assertThat(fakes.directory().instances(CLOUD_MAP)).doesNotContainKey(ghostId).hasSize(4);
        assertThat(fakes.events().published()).filteredOn(event -> event.type().equals(RolloutEvent.DRIFT_REPAIRED))
                .singleElement().satisfies(event -> {
            assertThat(event.reason()).startsWith("GHOST_REGISTRATION: instance " + ghostId);
        });
    }

    @Test
    void liveTaskWithoutRegistrationIsRegisteredAsItsRunningEventWouldRegisterIt() {
        canaryAtTenPercent();
        TaskChange missed = fakes.taskRuns(Track.CANARY, "7");

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).extracting(Drift::kind).containsExactly(DriftKind.MISSING_REGISTRATION);
        assertThat(fakes.directory().instances(CLOUD_MAP))
                .containsEntry(RolloutFakes.registration(missed).instanceId(), RolloutFakes.registration(missed));
    }

    @Test
    void routeEditedBehindTheRolloutsBackGoesBackToTheRecordsWeightsAndIsAnnounced() {
        canaryAtTenPercent();
        fakes.router().given(APP, Weights.canaryAt(50));

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(DriftKind.WEIGHT_DRIFT);
            assertThat(drift.found()).contains("sends 50% to the canary").contains("says 10%");
        });
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.canaryAt(10));
        assertThat(fakes.events().published()).filteredOn(event -> event.type().equals(RolloutEvent.DRIFT_REPAIRED))
                .singleElement().satisfies(event -> {
            assertThat(event.execution()).isEqualTo(EXECUTION);
            assertThat(event.canaryWeight()).isEqualTo(10);
            assertThat(event.reason()).startsWith("WEIGHT_DRIFT: route shop/orders/orders sends 50%");
        });
    }

    @Test
    void routeWithLessCanaryTrafficThanTheRecordIsReportedButNeverRaised() {
        canaryAtTenPercent();
        fakes.router().given(APP, Weights.ALL_PRIMARY);

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(DriftKind.WEIGHT_DRIFT);
            assertThat(drift.repaired()).isFalse();
            assertThat(drift.repair()).contains("never raises");
        });
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void routeOfAnEndedRolloutMustSendAllTrafficToThePrimary() {
        fakes.store().given(endedRollout());
        fakes.router().given(APP, Weights.canaryAt(20));

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).extracting(Drift::kind).containsExactly(DriftKind.WEIGHT_DRIFT);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void rolloutWhoseExecutionEndedWithoutEndingItIsRolledBack() {
        canaryAtTenPercent();
        fakes.workflows().ended(EXECUTION, "TIMED_OUT");

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(DriftKind.STUCK_ROLLOUT);
            assertThat(drift.found()).isEqualTo("execution %s ended TIMED_OUT but the rollout is still PROGRESSING"
                    .formatted(EXECUTION));
        });
        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.reason()).startsWith("Stuck: execution " + EXECUTION);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).isZero();
        assertThat(fakes.events().types()).endsWith(RolloutEvent.ROLLED_BACK, RolloutEvent.DRIFT_REPAIRED);
    }

    @Test
    void stuckRolloutsRollbackKeepsTheCanaryWhenThePrimaryServesNothing() {
        canaryAtTenPercent();
        fakes.tasksStopped(Track.PRIMARY, "6");
        fakes.workflows().ended(EXECUTION, "FAILED");

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).singleElement().satisfies(drift -> assertThat(drift.repair())
                .contains("the canary scaled in only if the primary has registered, healthy tasks of its revision"));
        Rollout failed = fakes.store().record(SERVICE);
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(fakes.events().published()).filteredOn(event -> event.type().equals(RolloutEvent.ROLLED_BACK))
                .singleElement().satisfies(event -> assertThat(event.reason()).endsWith(
                        "; the canary keeps its tasks: the primary has no registered, healthy task of revision 6"));
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
        assertThat(fakes.ecs().service(CLUSTER, APP).desiredCount()).as("the only tasks that serve").isEqualTo(1);
    }

    @Test
    void runningExecutionIsNoStuckRollout() {
        canaryAtTenPercent();
        fakes.workflows().start(EXECUTION, "{}");

        assertThat(resync.run(ResyncRequest.SCHEDULED).drifts()).isEmpty();
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.PROGRESSING);
    }

    @Test
    void alarmInAlarmWhoseEventWasLostAbortsTheRollout() {
        canaryAtTenPercent();
        fakes.metrics().alarm("orders-5xx");

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).extracting(Drift::kind).containsExactly(DriftKind.MISSED_ALARM);
        assertThat(fakes.store().record(SERVICE).phase()).isEqualTo(Phase.ABORTED);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.ALL_PRIMARY);
    }

    @Test
    void aMissingSpecWhileTheTwinStillServesIsReportedAndNothingIsRemoved() {
        fakes.store().given(endedRollout());
        fakes.specs().offboard(CLUSTER, APP);
        RolloutFakes.Footprint before = fakes.footprint();
        var registrations = fakes.directory().snapshot();

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(DriftKind.SPEC_MISSING);
            assertThat(drift.found()).isEqualTo("shop/orders has no canary spec, but its twin orders-primary runs 3"
                    + " task(s) and its route may send it traffic");
            assertThat(drift.repaired()).isFalse();
        });
        assertThat(fakes.footprint()).isEqualTo(before);
        assertThat(fakes.directory().snapshot()).isEqualTo(registrations);
        assertThat(fakes.mesh().virtualNodes("shop")).containsExactlyInAnyOrder("orders-primary", "orders-canary");
    }

    @Test
    void nodesAndRegistrationsOfAServiceWhoseTwinIsGoneAreRemoved() {
        fakes.store().given(endedRollout());
        fakes.specs().offboard(CLUSTER, APP);
        fakes.ecs().deletedByHand(CLUSTER, "orders-primary");
        fakes.directory().given(CLOUD_MAP, new Registration("someone-elses",
                new Endpoint("10.0.9.9", 8080), null, null, null, null, null));

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).extracting(Drift::kind).containsExactly(DriftKind.ORPHAN_REGISTRATION,
                DriftKind.ORPHAN_REGISTRATION, DriftKind.ORPHAN_REGISTRATION, DriftKind.ORPHAN_VIRTUAL_NODE,
                DriftKind.ORPHAN_VIRTUAL_NODE);
        assertThat(fakes.directory().instances(CLOUD_MAP)).as("an instance meshcanary did not register stays")
                .containsOnlyKeys("someone-elses");
        assertThat(fakes.mesh().virtualNodes("shop")).isEmpty();
        assertThat(resync.run(ResyncRequest.SCHEDULED).drifts()).as("a second resync finds nothing left").isEmpty();
    }

    @Test
    void eachResyncListsTheClustersTasksOnceWhateverTheNumberOfServices() {
        canaryAtTenPercent();
        for (String app : List.of("payments", "billing", "reports", "search")) {
            fakes.specs().onboard(CLUSTER, app, SampleSpecs.ordersWith(root -> {
                SampleSpecs.at(root, "router").put("virtualRouter", app).put("route", app);
                SampleSpecs.at(root, "router", "cloudMap").put("service", app);
            }));
        }

        ResyncOutcome first = resync.run(ResyncRequest.SCHEDULED);
        int afterFirst = fakes.tasks().listings();
        resync.run(ResyncRequest.SCHEDULED);

        assertThat(first.servicesChecked()).isEqualTo(5);
        assertThat(first.errors()).isEmpty();
        assertThat(afterFirst).as("listings of the cluster's tasks in one resync of five services").isEqualTo(1);
        assertThat(fakes.tasks().listings()).as("a second resync lists them afresh").isEqualTo(2);
    }

    @Test
    void registrationOfATaskThatStartedAfterTheListingIsKept() {
        canaryAtTenPercent();
        // Registered by its RUNNING event, and running, but started after the resync listed the cluster's tasks.
        TaskChange late = fakes.taskRuns(Track.PRIMARY, "6");
        fakes.directory().given(CLOUD_MAP, RolloutFakes.registration(late));
        fakes.tasks().unlisted(late.taskArn());

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.drifts()).isEmpty();
        assertThat(fakes.directory().instances(CLOUD_MAP)).containsKey(RolloutFakes.registration(late).instanceId());
    }

    @Test
    void dryRunReportsTheSameDriftAndChangesNothing() {
        canaryAtTenPercent();
        TaskChange ghost = fakes.taskRuns(Track.PRIMARY, "6");
        fakes.directory().given(CLOUD_MAP, RolloutFakes.registration(ghost));
        fakes.tasks().stopped(ghost.taskArn());
        fakes.taskRuns(Track.CANARY, "7");
        fakes.router().given(APP, Weights.canaryAt(50));
        RolloutFakes.Footprint before = fakes.footprint().ignoringMetricReads();
        var registrations = fakes.directory().snapshot();

        ResyncOutcome dry = resync.run(DRY_RUN);

        assertThat(fakes.footprint().ignoringMetricReads()).isEqualTo(before);
        assertThat(fakes.directory().snapshot()).isEqualTo(registrations);
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.canaryAt(50));
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.repaired()).isZero();
        ResyncOutcome repair = resync.run(ResyncRequest.SCHEDULED);
        assertThat(dry.drifts()).extracting(Drift::kind, Drift::found)
                .containsExactlyElementsOf(repair.drifts().stream().map(drift -> tuple(drift.kind(), drift.found()))
                        .toList());
        assertThat(repair.repaired()).isEqualTo(3);
    }

    @Test
    void serviceWithAnUnusableSpecIsReportedAndTheOthersAreStillRepaired() {
        canaryAtTenPercent();
        fakes.specs().onboard(CLUSTER, "payments", "{\"router\": 42}");
        fakes.router().given(APP, Weights.canaryAt(50));

        ResyncOutcome outcome = resync.run(ResyncRequest.SCHEDULED);

        assertThat(outcome.errors()).singleElement().asString().startsWith("shop/payments: router");
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.canaryAt(10));
    }

    @Test
    void namedServicesLimitTheResyncToThem() {
        canaryAtTenPercent();
        fakes.router().given(APP, Weights.canaryAt(50));

        ResyncOutcome outcome = resync.run(new ResyncRequest(false, Set.of("shop/payments")));

        assertThat(outcome.servicesChecked()).isZero();
        assertThat(fakes.router().weights(APP)).isEqualTo(Weights.canaryAt(50));
    }

    @Test
    void serviceNamedWithoutItsClusterIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new ResyncRequest(false, Set.of("orders")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("services: expected <cluster>/<app>, was \"orders\"");
    }

    private void canaryAtTenPercent() {
        fakes.canaryAtTenPercent("ecs-svc/4719802350938163742", EXECUTION);
        fakes.workflows().start(EXECUTION, "{}");
    }

    private static Rollout endedRollout() {
        Rollout started = Rollout.start(CLUSTER, APP, "ecs-svc/1", "shop-orders-1", false,
                RolloutFakes.TASK_DEFINITION_7, TASK_DEFINITION_6, SampleSpecs.orders(), RolloutFakes.START);
        return started.moveTo(Phase.SUCCEEDED, "promoted", RolloutFakes.START);
    }
}
