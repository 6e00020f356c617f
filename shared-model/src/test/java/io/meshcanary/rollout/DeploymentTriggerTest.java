package io.meshcanary.rollout;

import static io.meshcanary.testing.RolloutFakes.APP;
import static io.meshcanary.testing.RolloutFakes.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

        TriggerOutcome first = trigger.onPauseAwaiting(ORDERS, deployment);
        TriggerOutcome next = trigger.onPauseAwaiting(ORDERS, deployment);

        assertThat(first).isEqualTo(new TriggerOutcome(TriggerOutcome.STARTED, "orders",
                "shop-orders-NCWGC2ZR-taawPAYrIaU5"));
        assertThat(next).as("the deployment's next pause finds the same execution").isEqualTo(first);
        assertThat(fakes.workflows().startedNames()).containsExactly(first.execution());
        assertThat(JSON.readTree(fakes.workflows().started().get(first.execution())).path("deploymentId").asText())
                .isEqualTo(deployment);
    }

    @Test
    void aPauseOfATwinAppsOrOfANotOnboardedServiceStartsNothing() {
        String deployment = "arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/orders/NCWGC2ZR";

        assertThat(trigger.onPauseAwaiting(ORDERS, deployment).action()).isEqualTo(TriggerOutcome.IGNORED_TWIN);
        assertThat(trigger.onPauseAwaiting("arn:aws:ecs:us-east-1:123456789012:service/shop/payments", deployment)
                .action()).isEqualTo(TriggerOutcome.IGNORED_NOT_ONBOARDED);
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
}
