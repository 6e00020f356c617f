package io.meshcanary.registry;

import static io.meshcanary.registry.TaskChanges.CONTAINER_INSTANCE_ARN;
import static io.meshcanary.registry.TaskChanges.bridgeTask;
import static io.meshcanary.registry.TaskChanges.fargateTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Named.named;

import io.meshcanary.model.InvalidEventException;
import io.meshcanary.model.Track;
import io.meshcanary.spec.CloudMapService;
import io.meshcanary.spec.InvalidSpecException;
import io.meshcanary.testing.Fakes;
import io.meshcanary.testing.SampleFiles;
import io.meshcanary.testing.SampleSpecs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeRegistryTest {

    private static final CloudMapService ORDERS = new CloudMapService("shop.local", "orders");

    private final Fakes fakes = Fakes.withOrdersOnboarded();
    private final NodeRegistry registry = fakes.registry();

    @Test
    void runningTaskOfOnboardedServiceRegistersOnceWithTrackAndRevision() {
        TaskChange task = running(fargateTask("task-1", "10.0.1.23"));

        RegistryOutcome outcome = registry.reconcile(task);

        assertThat(outcome).isEqualTo(new RegistryOutcome(RegistryAction.REGISTERED, "task-1", "orders", true));
        assertThat(fakes.directory().instances(ORDERS)).containsOnly(entry("task-1",
                new Registration("task-1", new Endpoint("10.0.1.23", 8080), Track.CANARY, "7", "shop", "orders",
                        "orders")));
        assertThat(fakes.directory().writes()).isEqualTo(1);
    }

    @Test
    void primaryTwinTaskRegistersOnPrimaryTrack() {
        TaskChange task = running(fargateTask("task-2", "10.0.2.7").inService("orders-primary")
                .taskDefinitionArn("arn:aws:ecs:us-east-1:123456789012:task-definition/orders:6"));

        RegistryOutcome outcome = registry.reconcile(task);

        assertThat(outcome).isEqualTo(new RegistryOutcome(RegistryAction.REGISTERED, "task-2", "orders-primary", true));
        assertThat(fakes.directory().instances(ORDERS)).containsOnly(entry("task-2",
                new Registration("task-2", new Endpoint("10.0.2.7", 8080), Track.PRIMARY, "6", "shop",
                        "orders-primary", "orders")));
        assertThat(fakes.mesh().created()).containsExactly("shop/orders-primary");
    }

    @Test
    void duplicateRunningEventRegistersOnce() {
        TaskChange task = running(fargateTask("task-1", "10.0.1.23"));

        registry.reconcile(task);
        RegistryOutcome second = registry.reconcile(task);

        assertThat(second).isEqualTo(new RegistryOutcome(RegistryAction.ALREADY_REGISTERED, "task-1", "orders", false));
        assertThat(fakes.directory().instances(ORDERS)).containsOnlyKeys("task-1");
        assertThat(fakes.directory().writes()).isEqualTo(1);
        assertThat(fakes.mesh().created()).containsExactly("shop/orders-canary");
    }

    @Test
    void runningEventArrivingAfterStopDoesNotRegisterAgain() {
        TaskChange task = running(fargateTask("task-1", "10.0.1.23"));
        registry.reconcile(task);
        fakes.ecs().stopped(task.taskArn());
        registry.reconcile(task);

        RegistryOutcome late = registry.reconcile(task);

        assertThat(late.action()).isEqualTo(RegistryAction.ALREADY_ABSENT);
        assertThat(fakes.directory().instances(ORDERS)).isEmpty();
    }

    @Test
    void taskThatStopsWhileItsRunningEventRegistersItEndsDeregistered() {
        TaskChange task = running(fargateTask("task-1", "10.0.1.23"));
        // The task stops, and its STOPPED event is handled (nothing to deregister yet), after this invocation read
        // the task as running and before its registration lands.
        fakes.directory().beforeNextRegister(() -> {
            fakes.ecs().stopped(task.taskArn());
            assertThat(registry.reconcile(task).action()).isEqualTo(RegistryAction.ALREADY_ABSENT);
        });

        RegistryOutcome outcome = registry.reconcile(task);

        assertThat(fakes.directory().instances(ORDERS)).as("no registration outlives its task").isEmpty();
        assertThat(outcome.action()).isEqualTo(RegistryAction.DEREGISTERED);
    }

    @Test
    void stoppedEventDeregisters() {
        fakes.directory().given(ORDERS, canaryRegistration("task-1"));
        fakes.ecs().stopped(TaskChanges.taskArn("task-1"));

        RegistryOutcome outcome = registry.reconcile(fargateTask("task-1", "10.0.1.23").build());

        assertThat(outcome).isEqualTo(new RegistryOutcome(RegistryAction.DEREGISTERED, "task-1", "orders", false));
        assertThat(fakes.directory().instances(ORDERS)).isEmpty();
    }

    @Test
    void stoppedTaskWhoseAddressIsGoneIsStillDeregistered() {
        fakes.directory().given(ORDERS, canaryRegistration("task-1"));
        fakes.ecs().stopped(TaskChanges.taskArn("task-1"));

        RegistryOutcome outcome = registry.reconcile(fargateTask("task-1", "10.0.1.23").withoutEniAddress().build());

        assertThat(outcome.action()).isEqualTo(RegistryAction.DEREGISTERED);
        assertThat(fakes.directory().instances(ORDERS)).isEmpty();
    }

    @Test
    void drainingTaskIsDeregistered() {
        TaskChange task = running(fargateTask("task-1", "10.0.1.23"));
        registry.reconcile(task);
        fakes.ecs().draining(task.taskArn());

        RegistryOutcome outcome = registry.reconcile(task);

        assertThat(outcome.action()).isEqualTo(RegistryAction.DEREGISTERED);
        assertThat(fakes.directory().instances(ORDERS)).isEmpty();
    }

    @Test
    void taskEcsHasForgottenIsDeregistered() {
        fakes.directory().given(ORDERS, canaryRegistration("task-1"));

        RegistryOutcome outcome = registry.reconcile(fargateTask("task-1", "10.0.1.23").build());

        assertThat(outcome.action()).isEqualTo(RegistryAction.DEREGISTERED);
        assertThat(fakes.directory().instances(ORDERS)).isEmpty();
    }

    @Test
    void stoppedEventOfTaskNeverRegisteredIsAlreadyAbsent() {
        fakes.ecs().stopped(TaskChanges.taskArn("task-1"));

        RegistryOutcome outcome = registry.reconcile(fargateTask("task-1", "10.0.1.23").build());

        assertThat(outcome.action()).isEqualTo(RegistryAction.ALREADY_ABSENT);
        assertThat(fakes.mesh().created()).isEmpty();
    }

    @Test
    void taskOfNoServiceChangesNothing() {
        TaskChange task = running(fargateTask("task-9", "10.0.1.50").group("family:nightly-report"));

        RegistryOutcome outcome = registry.reconcile(task);

        assertThat(outcome).isEqualTo(new RegistryOutcome(RegistryAction.IGNORED_NO_SERVICE, "task-9", null, false));
        assertThat(fakes.specs().lookups()).isZero();
        assertThat(fakes.ecs().statusReads()).isZero();
        assertNothingWritten();
    }

    @Test
    void taskOfServiceBehindALoadBalancerIsLeftToEcs() {
        fakes.specs().onboard("shop", "orders", SampleSpecs.ordersBehindAlb());
        TaskChange task = running(fargateTask("task-1", "10.0.1.23"));

        RegistryOutcome outcome = registry.reconcile(task);

        assertThat(outcome).isEqualTo(new RegistryOutcome(RegistryAction.IGNORED_NOT_MESHED, "task-1", "orders", false));
        assertThat(fakes.ecs().statusReads()).as("a healthy task's status is not even read").isZero();
        assertNothingWritten();
    }

    @Test
    void serviceNotOnboardedCostsOneSpecLookupAndChangesNothing() {
        TaskChange task = running(fargateTask("task-8", "10.0.1.60").inService("billing"));

        RegistryOutcome outcome = registry.reconcile(task);

        assertThat(outcome)
                .isEqualTo(new RegistryOutcome(RegistryAction.IGNORED_NOT_ONBOARDED, "task-8", "billing", false));
        assertThat(fakes.specs().lookups()).isEqualTo(1);
        assertThat(fakes.ecs().statusReads()).isZero();
        assertNothingWritten();
    }

    @Test
    void bridgeTaskRegistersHostAddressAndHostPort() {
        fakes.ecs().host(CONTAINER_INSTANCE_ARN, "10.0.3.14");

        registry.reconcile(running(bridgeTask("task-3", 32768)));

        assertThat(fakes.directory().instances(ORDERS).get("task-3").endpoint())
                .isEqualTo(new Endpoint("10.0.3.14", 32768));
    }

    @Test
    void bridgeTaskBoundToOneHostAddressRegistersThatAddressWithoutAskingEcs() {
        // No host address is known to the fake ECS: asking it would fail the test.
        registry.reconcile(running(bridgeTask("task-3", 32770).bindings(new PortBinding("10.0.3.99", 8080, 32770))));

        assertThat(fakes.directory().instances(ORDERS).get("task-3").endpoint())
                .isEqualTo(new Endpoint("10.0.3.99", 32770));
    }

    @Test
    void bridgeTaskWithoutBindingForListenerPortIsRejected() {
        TaskChange task = running(bridgeTask("task-3", 32768).bindings(new PortBinding("0.0.0.0", 9901, 32769)));

        InvalidEventException error = assertRejectedUnchanged(task, InvalidEventException.class);

        assertThat(error.field()).isEqualTo("detail.containers[].networkBindings");
        assertThat(error).hasMessageContaining("8080");
    }

    @Test
    void bridgeTaskWithoutContainerInstanceIsRejected() {
        fakes.ecs().host(CONTAINER_INSTANCE_ARN, "10.0.3.14");
        TaskChange task = running(bridgeTask("task-3", 32768).withoutContainerInstance());

        InvalidEventException error = assertRejectedUnchanged(task, InvalidEventException.class);

        assertThat(error.field()).isEqualTo("detail.containerInstanceArn");
    }

    @Test
    void taskWithoutAddressIsRejectedAndNothingRegistered() {
        TaskChange task = running(fargateTask("task-1", "10.0.1.23").withoutEniAddress());

        InvalidEventException error = assertRejectedUnchanged(task, InvalidEventException.class);

        assertThat(error.field()).isEqualTo("detail.attachments[].details.privateIPv4Address");
    }

    @Test
    void unknownClusterIsRejectedNamingClusterArn() {
        String goneCluster = "arn:aws:ecs:us-east-1:123456789012:cluster/gone";
        fakes.specs().onboard("gone", "orders", SampleFiles.read(SampleFiles.ORDERS_SPEC));
        fakes.ecs().withoutCluster(goneCluster);
        TaskChange task = running(fargateTask("task-1", "10.0.1.23").clusterArn(goneCluster));

        InvalidEventException error = assertRejectedUnchanged(task, InvalidEventException.class);

        assertThat(error.field()).isEqualTo("detail.clusterArn");
        assertThat(error).hasMessageContaining(goneCluster);
    }

    static Stream<Arguments> malformedArns() {
        return Stream.of(
                Arguments.of(named("task ARN without arn: prefix",
                        fargateTask("task-1", "10.0.1.23").taskArnAs("task/shop/task-1")), "detail.taskArn"),
                Arguments.of(named("service ARN as task ARN", fargateTask("task-1", "10.0.1.23")
                        .taskArnAs("arn:aws:ecs:us-east-1:123456789012:service/shop/orders")), "detail.taskArn"),
                Arguments.of(named("cluster name as cluster ARN",
                        fargateTask("task-1", "10.0.1.23").clusterArn("shop")), "detail.clusterArn"),
                Arguments.of(named("family:revision as task definition ARN",
                        fargateTask("task-1", "10.0.1.23").taskDefinitionArn("orders:7")), "detail.taskDefinitionArn"),
                Arguments.of(named("task definition ARN without revision", fargateTask("task-1", "10.0.1.23")
                        .taskDefinitionArn("arn:aws:ecs:us-east-1:123456789012:task-definition/orders")),
                        "detail.taskDefinitionArn"));
    }

    @ParameterizedTest(name = "{0} names {1}")
    @MethodSource("malformedArns")
    void malformedArnIsRejectedNamingTheField(TaskChanges malformed, String field) {
        TaskChange task = malformed.build();
        fakes.ecs().running(task.taskArn());

        InvalidEventException error = assertRejectedUnchanged(task, InvalidEventException.class);

        assertThat(error.field()).isEqualTo(field);
    }

    @Test
    void brokenSpecOfOnboardedServiceIsRejectedNamingTheSpecField() {
        fakes.specs().onboard("shop", "orders", "{\"router\":{\"type\":\"lattice\"}}");

        InvalidSpecException error =
                assertRejectedUnchanged(running(fargateTask("task-1", "10.0.1.23")), InvalidSpecException.class);

        assertThat(error.field()).isEqualTo("router.type");
    }

    @Test
    void virtualNodeIsEnsuredOncePerTrack() {
        List<TaskChange> tasks = List.of(
                running(fargateTask("canary-1", "10.0.1.1")),
                running(fargateTask("canary-2", "10.0.1.2")),
                running(fargateTask("primary-1", "10.0.2.1").inService("orders-primary")),
                running(fargateTask("primary-2", "10.0.2.2").inService("orders-primary")));

        List<Boolean> created = tasks.stream().map(registry::reconcile).map(RegistryOutcome::virtualNodeCreated)
                .toList();

        assertThat(created).containsExactly(true, false, true, false);
        assertThat(fakes.mesh().created()).containsExactly("shop/orders-canary", "shop/orders-primary");
        assertThat(fakes.directory().instances(ORDERS)).hasSize(4);
    }

    @Test
    void existingVirtualNodeIsLeftAsItIs() {
        fakes.mesh().given("shop", "orders-canary");

        RegistryOutcome outcome = registry.reconcile(running(fargateTask("task-1", "10.0.1.23")));

        assertThat(outcome).isEqualTo(new RegistryOutcome(RegistryAction.REGISTERED, "task-1", "orders", false));
        assertThat(fakes.mesh().created()).isEmpty();
    }

    @Test
    void registrationThatDiffersFromTheRunningTaskIsRewritten() {
        fakes.directory().given(ORDERS, new Registration("task-1", new Endpoint("10.9.9.9", 8080), Track.PRIMARY, "6",
                "shop", "orders-primary", "orders"));

        RegistryOutcome outcome = registry.reconcile(running(fargateTask("task-1", "10.0.1.23")));

        assertThat(outcome.action()).isEqualTo(RegistryAction.REGISTERED);
        assertThat(fakes.directory().instances(ORDERS)).containsOnly(entry("task-1", canaryRegistration("task-1")));
    }

    /** Tells the fake ECS that the task runs now, as ECS would when the RUNNING event is delivered. */
    private TaskChange running(TaskChanges task) {
        TaskChange change = task.build();
        fakes.ecs().running(change.taskArn());
        return change;
    }

    private static Registration canaryRegistration(String taskId) {
        return new Registration(taskId, new Endpoint("10.0.1.23", 8080), Track.CANARY, "7", "shop", "orders",
                "orders");
    }

    /**
     * Reconciles a bad task next to a healthy registration of another task, and checks that the rejection left
     * Cloud Map and the mesh exactly as they were.
     */
    private <E extends RuntimeException> E assertRejectedUnchanged(TaskChange task, Class<E> expected) {
        fakes.directory().given(ORDERS, canaryRegistration("neighbour"));
        var before = fakes.directory().snapshot();

        E error = catchThrowableOfType(expected, () -> registry.reconcile(task));

        assertThat(error).as("rejection of %s", task).isNotNull();
        assertThat(fakes.directory().snapshot()).isEqualTo(before);
        assertNothingWritten();
        return error;
    }

    private void assertNothingWritten() {
        assertThat(fakes.directory().writes()).as("Cloud Map writes").isZero();
        assertThat(fakes.mesh().created()).as("virtual nodes created").isEmpty();
    }
}
