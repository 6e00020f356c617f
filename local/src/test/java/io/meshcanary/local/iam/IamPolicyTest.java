package io.meshcanary.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation rules of the IAM User Guide ("Policy evaluation logic", "IAM JSON policy elements"), one test per
 * rule the template relies on.
 */
class IamPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARAMETER = "arn:aws:ssm:us-east-1:123456789012:parameter/meshcanary/shop/orders";

    @Test
    void nothingIsAllowedWithoutAStatementThatAllowsIt() {
        assertThat(policy("[]").decide(new Authorization("ssm:GetParameter", PARAMETER)).allowed()).isFalse();
    }

    @Test
    void anAllowMatchesItsActionAndResourceWithWildcards() {
        IamPolicy policy = policy("""
                [{"Effect": "Allow", "Action": "ssm:GetParameter",
                  "Resource": "arn:aws:ssm:us-east-1:123456789012:parameter/meshcanary/sh?p/*"}]""");

        assertThat(policy.decide(new Authorization("ssm:GetParameter", PARAMETER)).allowed()).isTrue();
        assertThat(policy.decide(new Authorization("ssm:GetParameter",
                "arn:aws:ssm:us-east-1:123456789012:parameter/meshcanary/other/orders")).allowed()).isFalse();
        assertThat(policy.decide(new Authorization("ssm:PutParameter", PARAMETER)).allowed()).isFalse();
    }

    @Test
    void actionsCompareWithoutCaseAndResourcesWithCase() {
        IamPolicy policy = policy("""
                [{"Effect": "Allow", "Action": "SSM:get*", "Resource": "%s"}]""".formatted(PARAMETER));

        assertThat(policy.decide(new Authorization("ssm:GetParameter", PARAMETER)).allowed()).isTrue();
        assertThat(policy.decide(new Authorization("ssm:GetParameter", PARAMETER.toUpperCase())).allowed())
                .isFalse();
    }

    @Test
    void aResourceOfStarIsNeededForAnActionWithoutResourceLevelPermissions() {
        IamPolicy scoped = policy("""
                [{"Effect": "Allow", "Action": "ec2:DescribeInstances",
                  "Resource": "arn:aws:ec2:us-east-1:123456789012:instance/*"}]""");
        IamPolicy star = policy("""
                [{"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*"}]""");

        assertThat(scoped.decide(new Authorization("ec2:DescribeInstances", "*")).allowed()).isFalse();
        assertThat(star.decide(new Authorization("ec2:DescribeInstances", "*")).allowed()).isTrue();
    }

    @Test
    void anExplicitDenyWinsOverAnyAllow() {
        IamPolicy policy = policy("""
                [{"Effect": "Allow", "Action": "ssm:*", "Resource": "*"},
                 {"Effect": "Deny", "Action": "ssm:GetParameter", "Resource": "%s"}]""".formatted(PARAMETER));

        IamPolicy.Decision decision = policy.decide(new Authorization("ssm:GetParameter", PARAMETER));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.explicitDeny()).isTrue();
    }

    @Test
    void notActionAndNotResourceMatchEverythingTheyDoNotList() {
        IamPolicy policy = policy("""
                [{"Effect": "Allow", "NotAction": "ssm:PutParameter", "NotResource": "%s"}]""".formatted(PARAMETER));
        String other = "arn:aws:ssm:us-east-1:123456789012:parameter/other";

        assertThat(policy.decide(new Authorization("ssm:GetParameter", other)).allowed()).isTrue();
        assertThat(policy.decide(new Authorization("ssm:PutParameter", other)).allowed()).isFalse();
        assertThat(policy.decide(new Authorization("ssm:GetParameter", PARAMETER)).allowed()).isFalse();
    }

    @Test
    void stringEqualsIsExactAndAnyOfItsValuesMayMatch() {
        IamPolicy policy = allowAllWhen("""
                {"StringEquals": {"iam:PassedToService": ["ecs.amazonaws.com", "ecs-tasks.amazonaws.com"]}}""");

        assertThat(holds(policy, Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"))).isTrue();
        assertThat(holds(policy, Map.of("iam:PassedToService", "ECS.amazonaws.com"))).isFalse();
        assertThat(holds(policy, Map.of("iam:PassedToService", "ecs.*"))).isFalse();
    }

    @Test
    void aConditionOnAKeyTheRequestLacksDoesNotHold() {
        IamPolicy policy = allowAllWhen("""
                {"StringEquals": {"aws:RequestTag/meshcanary:managed-by": "meshcanary"}}""");

        assertThat(holds(policy, Map.of())).isFalse();
        assertThat(holds(policy, Map.of("aws:RequestTag/meshcanary:managed-by", "meshcanary"))).isTrue();
    }

    @Test
    void conditionKeyNamesCompareWithoutCase() {
        IamPolicy policy = allowAllWhen("""
                {"ArnEquals": {"ecs:cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/shop"}}""");

        assertThat(holds(policy, Map.of("ECS:Cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/shop"))).isTrue();
    }

    @Test
    void arnEqualsMatchesEachPartOfTheArnWithWildcards() {
        IamPolicy policy = allowAllWhen("""
                {"ArnEquals": {"ecs:cluster": "arn:aws:ecs:*:123456789012:cluster/shop-*"}}""");

        assertThat(holds(policy, Map.of("ecs:cluster", "arn:aws:ecs:eu-west-1:123456789012:cluster/shop-a"))).isTrue();
        assertThat(holds(policy, Map.of("ecs:cluster", "arn:aws:ecs:eu-west-1:210987654321:cluster/shop-a")))
                .isFalse();
        // A wildcard stays within its part: the region's star does not swallow the account.
        assertThat(holds(allowAllWhen("""
                {"ArnLike": {"ecs:cluster": "arn:aws:ecs:*:cluster/shop"}}"""),
                Map.of("ecs:cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/shop"))).isFalse();
    }

    @Test
    void stringLikeTakesWildcards() {
        IamPolicy policy = allowAllWhen("""
                {"StringLike": {"iam:PassedToService": "ecs*.amazonaws.com"}}""");

        assertThat(holds(policy, Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"))).isTrue();
        assertThat(holds(policy, Map.of("iam:PassedToService", "lambda.amazonaws.com"))).isFalse();
    }

    @Test
    void everyConditionOfAStatementMustHold() {
        IamPolicy policy = allowAllWhen("""
                {"StringEquals": {"iam:PassedToService": "ecs.amazonaws.com"},
                 "ArnEquals": {"ecs:cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/shop"}}""");

        assertThat(holds(policy, Map.of("iam:PassedToService", "ecs.amazonaws.com"))).isFalse();
        assertThat(holds(policy, Map.of("iam:PassedToService", "ecs.amazonaws.com",
                "ecs:cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/shop"))).isTrue();
    }

    @Test
    void aKeyLeftUncheckedDropsOnlyItsConditions() {
        IamPolicy policy = allowAllWhen("""
                {"StringEquals": {"servicediscovery:NamespaceArn": "arn:ns"}}""")
                .withoutConditionsOn(List.of("servicediscovery:NamespaceArn"));

        assertThat(holds(policy, Map.of())).isTrue();
    }

    @Test
    void anActionWithoutAResourceTypeIsGrantedOnlyByResourceStar() {
        IamPolicy scoped = policy("""
                [{"Effect": "Allow", "Action": ["states:SendTaskSuccess", "states:SendTaskFailure"],
                  "Resource": "arn:aws:states:us-east-1:123456789012:stateMachine:meshcanary-canary"}]""");
        IamPolicy star = policy("""
                [{"Effect": "Allow", "Action": "states:SendTaskFailure", "Resource": "*"}]""");

        assertThat(scoped.decide(new Authorization("states:SendTaskFailure", "*")).allowed()).isFalse();
        assertThat(scoped.decide(new Authorization("states:SendTaskSuccess", "*")).allowed()).isFalse();
        assertThat(star.decide(new Authorization("states:SendTaskFailure", "*")).allowed()).isTrue();
        assertThat(star.decide(new Authorization("states:SendTaskSuccess", "*")).allowed()).isFalse();
    }

    @Test
    void whatThePolicyGrammarHereDoesNotCoverIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> policy("""
                [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",
                  "Condition": {"StringEqualsIfExists": {"aws:RequestTag/a": "b"}}}]"""))
                .hasMessageContaining("Fn.Statement[0]: condition operator StringEqualsIfExists is not supported");
        assertThatThrownBy(() -> policy("""
                [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]"""))
                .hasMessageContaining("Fn.Statement[0]: Principal is not supported");
        assertThatThrownBy(() -> policy("""
                [{"Effect": "Allow", "Action": "s3:*"}]"""))
                .hasMessageContaining("exactly one of Resource and NotResource");
        assertThatThrownBy(() -> policy("""
                [{"Effect": "allow", "Action": "s3:*", "Resource": "*"}]"""))
                .hasMessageContaining("Effect must be Allow or Deny, not 'allow'");
    }

    /** A policy that allows everything when {@code condition} holds. */
    private static IamPolicy allowAllWhen(String condition) {
        return policy("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": %s}]"
                .formatted(condition));
    }

    private static boolean holds(IamPolicy policy, Map<String, String> context) {
        return policy.decide(new Authorization("iam:PassRole", "*", context)).allowed();
    }

    private static IamPolicy policy(String statements) {
        try {
            JsonNode node = JSON.readTree(statements);
            return IamPolicy.parse(node, "Fn");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
