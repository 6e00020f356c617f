package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.model.HookStateChange;
import io.meshcanary.model.InvalidEventException;
import io.meshcanary.testing.RolloutFakes;
import io.meshcanary.testing.SampleFiles;
import io.meshcanary.testing.SampleSpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeploymentTriggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDERS = "arn:aws:ecs:us-east-1:123456789012:service/shop/orders";
    private static final String DEPLOYMENT = "ecs-svc/4719802350938163742";
    private static final String EXECUTION = "shop-orders-4719802350938163742";
    /** The fields of a hook event of meshcanary's pause hook, as the local stand-in puts them on the bus. */
    private static final String MESHCANARYS = """
            {"targetType": "PAUSE", "lifecycleStage": "PRE_PRODUCTION_TRAFFIC_SHIFT"}""";

    private final RolloutFakes fakes = RolloutFakes.ordersReleasedBefore();
    private final DeploymentTrigger trigger = fakes.trigger();

    @Test
    void onboardedServiceStartsOneExecutionNamedFromTheDeployment() throws JsonProcessingException {
        TriggerOutcome outcome = trigger.onDeploymentInProgress(ORDERS, DEPLOYMENT);

        assertThat(outcome).isEqualTo(new TriggerOutcome(TriggerOutcome.STARTED, "orders", EXECUTION));
        assertThat(fakes.workflows().startedNames()).containsExactly(EXECUTION);
        assertThat(JSON.readTree(fakes.workflows().started().get(EXECUTION))).isEqualTo(JSON.readTree("""
                {"cluster": "shop", "service": "orders", "deploymentId": "ecs-svc/4719802350938163742"}"""));
    }

    @Test
    void duplicateEventFindsTheSameExecution() {
        TriggerOutcome first = trigger.onDeploymentInProgress(ORDERS, DEPLOYMENT);
        TriggerOutcome second = trigger.onDeploymentInProgress(ORDERS, DEPLOYMENT);

        assertThat(second).isEqualTo(first);
        assertThat(fakes.workflows().startedNames()).containsExactly(EXECUTION);
    }

    @Test
    void newerDeploymentStartsItsOwnExecution() {
        trigger.onDeploymentInProgress(ORDERS, DEPLOYMENT);
        TriggerOutcome newer = trigger.onDeploymentInProgress(ORDERS, "ecs-svc/5820913461049274853");

        assertThat(newer.execution()).isEqualTo("shop-orders-5820913461049274853");
        assertThat(fakes.workflows().startedNames()).containsExactly(EXECUTION, newer.execution());
    }

    @Test
    void operatorRetryStartsARolloutOfTheOnboardedAppNamedAfterTheRetry() throws JsonProcessingException {
        TriggerOutcome retry = trigger.startRollout(CLUSTER, APP, "retry-of-" + EXECUTION);
        TriggerOutcome again = trigger.startRollout(CLUSTER, APP, "retry-of-" + EXECUTION);

        assertThat(retry).isEqualTo(new TriggerOutcome(TriggerOutcome.STARTED, "orders",
                "shop-orders-retry-of-shop-orders-4719802350938163742"));
        assertThat(again).as("the same retry twice starts one rollout").isEqualTo(retry);
        assertThat(fakes.workflows().startedNames()).containsExactly(retry.execution());
        assertThat(JSON.readTree(fakes.workflows().started().get(retry.execution()))).isEqualTo(JSON.readTree("""
                {"cluster": "shop", "service": "orders", "deploymentId": "retry-of-shop-orders-4719802350938163742"}
                """));
    }

    @Test
    void retryOfAnAppThatIsNotOnboardedStartsNothing() {
        TriggerOutcome outcome = trigger.startRollout(CLUSTER, "payments", "retry-of-x");

        assertThat(outcome.action()).isEqualTo(TriggerOutcome.IGNORED_NOT_ONBOARDED);
        assertThat(fakes.workflows().started()).isEmpty();
    }

    @Test
    void primaryServiceDeploymentsAreIgnored() {
        TriggerOutcome outcome = trigger.onDeploymentInProgress(
                "arn:aws:ecs:us-east-1:123456789012:service/shop/orders-primary", DEPLOYMENT);

        assertThat(outcome).isEqualTo(new TriggerOutcome(TriggerOutcome.IGNORED_PRIMARY, "orders-primary", null));
        assertThat(fakes.workflows().started()).isEmpty();
        assertThat(fakes.specs().lookups()).as("no need to look up a spec").isZero();
    }

    @Test
    void nativeAppsDeploymentStartsNoTwinWorkflow() {
        fakes.specs().onboard(CLUSTER, APP, SampleFiles.read("examples/orders-native.canary.json"));

        TriggerOutcome outcome = trigger.onDeploymentInProgress(ORDERS, DEPLOYMENT);

        assertThat(outcome).isEqualTo(new TriggerOutcome(TriggerOutcome.IGNORED_NATIVE, "orders", null));
        assertThat(fakes.workflows().started()).as("ECS's own deployment moves a native app's traffic").isEmpty();
        assertThat(trigger.startRollout(CLUSTER, APP, "retry-of-" + EXECUTION).action())
                .as("nor does an operator's retry").isEqualTo(TriggerOutcome.IGNORED_NATIVE);
        assertThat(fakes.workflows().started()).isEmpty();
        assertThat(fakes.specs().lookups()).as("one spec lookup per event").isEqualTo(2);
    }

    @Test
    void aNativeDeploymentsPausesStartOneExecutionNamedAfterTheServiceDeployment() throws JsonProcessingException {
        fakes.specs().onboard(CLUSTER, APP, SampleFiles.read("examples/orders-native.canary.json"));
        String deployment = "arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/orders/NCWGC2ZR-taawPAYrIaU5";

        TriggerOutcome first = trigger.onPauseAwaiting(pause(deployment, MESHCANARYS));
        TriggerOutcome next = trigger.onPauseAwaiting(pause(deployment, MESHCANARYS));

        assertThat(first).isEqualTo(new TriggerOutcome(TriggerOutcome.STARTED, "orders",
                "shop-orders-NCWGC2ZR-taawPAYrIaU5"));
        assertThat(next).as("the deployment's next pause finds the same execution").isEqualTo(first);
        assertThat(fakes.workflows().startedNames()).containsExactly(first.execution());
        assertThat(JSON.readTree(fakes.workflows().started().get(first.execution())).path("deploymentId").asText())
                .isEqualTo(deployment);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"targetType\": \"AWS_LAMBDA\", \"lifecycleStage\": \"PRE_PRODUCTION_TRAFFIC_SHIFT\"}",
        "{\"targetType\": \"PAUSE\", \"lifecycleStage\": \"POST_SCALE_UP\"}",
        "{\"targetType\": \"PAUSE\", \"lifecycleStage\": \"PRE_PRODUCTION_TRAFFIC_SHIFT\","
                + " \"hookDetails\": {\"owner\": \"release-team\"}}"})
    void aPauseThatIsNotMeshcanarysIsLeftToItsOwnerByName(String hook) throws JsonProcessingException {
        fakes.specs().onboard(CLUSTER, APP, SampleFiles.read("examples/orders-native.canary.json"));
        String deployment = "arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/orders/NCWGC2ZR";

        TriggerOutcome outcome = trigger.onPauseAwaiting(pause(deployment, hook));

        assertThat(outcome.action()).isEqualTo(TriggerOutcome.IGNORED_NOT_MESHCANARYS_HOOK);
        assertThat(outcome.reason()).contains("hook-1").containsAnyOf("AWS_LAMBDA", "POST_SCALE_UP", "owner");
        assertThat(fakes.workflows().started()).as("the team's pause starts nothing").isEmpty();
    }

    @Test
    void meshcanarysPauseStartsTheExecutionWithOrWithoutItsMarkerInTheEvent() throws JsonProcessingException {
        fakes.specs().onboard(CLUSTER, APP, SampleFiles.read("examples/orders-native.canary.json"));
        String deployment = "arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/orders/NCWGC2ZR";

        TriggerOutcome marked = trigger.onPauseAwaiting(pause(deployment, """
                {"targetType": "PAUSE", "lifecycleStage": "POST_PRODUCTION_TRAFFIC_SHIFT",
                 "hookDetails": {"managedBy": "meshcanary"}}"""));
        TriggerOutcome unmarked = trigger.onPauseAwaiting(pause(deployment, """
                {"targetType": "PAUSE", "lifecycleStage": "PRE_PRODUCTION_TRAFFIC_SHIFT"}"""));

        assertThat(marked.action()).isEqualTo(TriggerOutcome.STARTED);
        assertThat(unmarked).isEqualTo(marked);
        assertThat(fakes.workflows().startedNames()).containsExactly("shop-orders-NCWGC2ZR");
    }

    @Test
    void aPauseOfATwinAppsOrOfANotOnboardedServiceStartsNothing() throws JsonProcessingException {
        String deployment = "arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/orders/NCWGC2ZR";
        String payments = "arn:aws:ecs:us-east-1:123456789012:service/shop/payments";

        assertThat(trigger.onPauseAwaiting(pause(deployment, MESHCANARYS)).action())
                .isEqualTo(TriggerOutcome.IGNORED_TWIN);
        assertThat(trigger.onPauseAwaiting(pause(payments, deployment, MESHCANARYS)).action())
                .isEqualTo(TriggerOutcome.IGNORED_NOT_ONBOARDED);
        assertThat(fakes.workflows().started()).isEmpty();
    }

    @Test
    void unreadableSpecStillStartsTheWorkflowWhoseInitializeNamesTheProblem() {
        fakes.specs().onboard(CLUSTER, APP, "{\"mode\": ");

        TriggerOutcome outcome = trigger.onDeploymentInProgress(ORDERS, DEPLOYMENT);

        assertThat(outcome.action()).isEqualTo(TriggerOutcome.STARTED);
        assertThat(fakes.workflows().startedNames()).containsExactly(EXECUTION);
    }

    @Test
    void serviceThatIsNotOnboardedStartsNothing() {
        TriggerOutcome outcome = trigger.onDeploymentInProgress(
                "arn:aws:ecs:us-east-1:123456789012:service/shop/payments", DEPLOYMENT);

        assertThat(outcome).isEqualTo(new TriggerOutcome(TriggerOutcome.IGNORED_NOT_ONBOARDED, "payments", null));
        assertThat(fakes.workflows().started()).isEmpty();
    }

    @Test
    void sameAppInAnotherClusterIsAnotherService() {
        fakes.specs().onboard("shop-staging", APP, SampleSpecs.orders());

        TriggerOutcome staging = trigger.onDeploymentInProgress(
                "arn:aws:ecs:us-east-1:123456789012:service/shop-staging/orders", DEPLOYMENT);
        TriggerOutcome production = trigger.onDeploymentInProgress(ORDERS, DEPLOYMENT);

        assertThat(staging.execution()).isEqualTo("shop-staging-orders-4719802350938163742");
        assertThat(production.execution()).isEqualTo(EXECUTION);
        assertThat(fakes.workflows().started()).hasSize(2);
    }

    @Test
    void longNamesAreShortenedToEightyCharactersAndStayUnique() {
        String cluster = "c".repeat(100);
        String app = "a".repeat(100);

        String first = DeploymentTrigger.executionName(cluster, app, "ecs-svc/4719802350938163742");
        String second = DeploymentTrigger.executionName(cluster, app, "ecs-svc/4719802350938163743");

        assertThat(first).hasSize(80).matches("[A-Za-z0-9_-]+");
        assertThat(second).hasSize(80).isNotEqualTo(first);
        assertThat(DeploymentTrigger.executionName(cluster, app, "ecs-svc/4719802350938163742"))
                .as("the same deployment, the same name").isEqualTo(first);
    }

    @Test
    void nameOfExactlyEightyCharactersIsKeptAsItIs() {
        String app = "a".repeat(80 - "shop-".length() - "-4719802350938163742".length());

        assertThat(DeploymentTrigger.executionName(CLUSTER, app, DEPLOYMENT))
                .isEqualTo("shop-" + app + "-4719802350938163742").hasSize(80);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "arn:aws:ecs:us-east-1:123456789012:service/orders",
            "arn:aws:ecs:us-east-1:123456789012:task/shop/6b2f9a3c1d8e4f0a9b7c5d3e1f2a4b6c",
            "orders",
            "arn:aws:ecs:us-east-1:123456789012:service/shop/orders/extra"})
    void malformedServiceArnIsRejectedNamingTheEventField(String serviceArn) {
        InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                () -> trigger.onDeploymentInProgress(serviceArn, DEPLOYMENT));

        assertThat(error.field()).isEqualTo("resources[0]");
        assertThat(error).hasMessageContaining(serviceArn);
        assertThat(fakes.workflows().started()).isEmpty();
    }

    /** An ECS Hook State Change of hook {@code hook-1}, its detail carrying the hook's fields given. */
    private static HookStateChange pause(String deployment, String hookFields) throws JsonProcessingException {
        return pause(ORDERS, deployment, hookFields);
    }

    private static HookStateChange pause(String service, String deployment, String hookFields)
            throws JsonProcessingException {
        ObjectNode detail = (ObjectNode) JSON.readTree(hookFields);
        detail.put("eventName", HookStateChange.AWAITING_ACTION).put("serviceDeploymentArn", deployment)
                .put("hookId", "hook-1");
        ObjectNode event = JSON.createObjectNode().put("detail-type", HookStateChange.DETAIL_TYPE);
        event.putArray("resources").add(service);
        event.set("detail", detail);
        return HookStateChange.read(event);
    }
}
