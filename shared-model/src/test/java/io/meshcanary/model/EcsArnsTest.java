package io.meshcanary.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EcsArnsTest {

    private static final String TASK_DEFINITION = "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7";

    @Test
    void revisionAndFamilyComeFromTheTaskDefinitionArn() {
        assertThat(EcsArns.taskDefinitionRevision(TASK_DEFINITION, "detail.taskDefinitionArn")).isEqualTo("7");
        assertThat(EcsArns.taskDefinitionFamily(TASK_DEFINITION, "detail.taskDefinitionArn")).isEqualTo("orders");
    }

    @Test
    void hyphenatedFamilyKeepsItsHyphensAndMultiDigitRevision() {
        String arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/payment-gateway_v2:123";

        assertThat(EcsArns.taskDefinitionFamily(arn, "f")).isEqualTo("payment-gateway_v2");
        assertThat(EcsArns.taskDefinitionRevision(arn, "f")).isEqualTo("123");
    }

    @Test
    void taskIdIsTheLastSegmentOfLongAndShortTaskArns() {
        assertThat(EcsArns.taskId("arn:aws:ecs:us-east-1:123456789012:task/shop/c41d7e2a9f0b4386a5e1d2c3b4a59687", "f"))
                .isEqualTo("c41d7e2a9f0b4386a5e1d2c3b4a59687");
        assertThat(EcsArns.taskId("arn:aws:ecs:us-east-1:123456789012:task/c41d7e2a9f0b4386a5e1d2c3b4a59687", "f"))
                .isEqualTo("c41d7e2a9f0b4386a5e1d2c3b4a59687");
    }

    @Test
    void aServiceArnWithoutItsClusterIsTheShortFormat() {
        assertThat(EcsArns.isLongServiceArn("arn:aws:ecs:us-east-1:123456789012:service/shop/orders")).isTrue();
        assertThat(EcsArns.isLongServiceArn("arn:aws:ecs:us-east-1:123456789012:service/orders")).isFalse();
        assertThat(EcsArns.isLongServiceArn(null)).isFalse();
    }

    @Test
    void clusterNameComesFromTheClusterArnInAnyPartition() {
        assertThat(EcsArns.clusterName("arn:aws-cn:ecs:cn-north-1:123456789012:cluster/shop", "f")).isEqualTo("shop");
    }

    @ParameterizedTest(name = "\"{0}\" is not a task definition ARN")
    @ValueSource(strings = {
            "orders:7",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/orders",
            "arn:aws:ecs:us-east-1:123456789012:task-definition/orders:latest",
            "arn:aws:ecs:us-east-1:12345:task-definition/orders:7",
            "arn:aws:ecs:us-east-1:123456789012:task/shop/orders:7"})
    void malformedTaskDefinitionArnNamesTheFieldAndTheValue(String arn) {
        InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                () -> EcsArns.taskDefinitionRevision(arn, "detail.taskDefinitionArn"));

        assertThat(error.field()).isEqualTo("detail.taskDefinitionArn");
        assertThat(error).hasMessageStartingWith("detail.taskDefinitionArn: ").hasMessageContaining(arn);
    }

    @ParameterizedTest(name = "\"{0}\" is not a cluster ARN")
    @ValueSource(strings = {
            "shop",
            "arn:aws:ecs:us-east-1:123456789012:cluster/",
            "arn:aws:ecs:us-east-1:123456789012:cluster/shop/x",
            "arn:aws:ecs:us-east-1:123456789012:service/shop"})
    void malformedClusterArnNamesTheField(String arn) {
        InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                () -> EcsArns.clusterName(arn, "detail.clusterArn"));

        assertThat(error.field()).isEqualTo("detail.clusterArn");
    }

    @Test
    void missingArnNamesTheField() {
        InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                () -> EcsArns.taskId(null, "detail.taskArn"));

        assertThat(error.field()).isEqualTo("detail.taskArn");
        assertThat(error).hasMessage("detail.taskArn: is missing");
    }
}
