package io.meshcanary.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.appmesh.model.CreateRouteRequest;
import software.amazon.awssdk.services.appmesh.model.CreateVirtualNodeRequest;
import software.amazon.awssdk.services.appmesh.model.CreateVirtualRouterRequest;
import software.amazon.awssdk.services.appmesh.model.DeleteVirtualNodeRequest;
import software.amazon.awssdk.services.appmesh.model.DescribeRouteRequest;
import software.amazon.awssdk.services.appmesh.model.ListRoutesRequest;
import software.amazon.awssdk.services.appmesh.model.ListVirtualNodesRequest;
import software.amazon.awssdk.services.appmesh.model.ListVirtualRoutersRequest;
import software.amazon.awssdk.services.appmesh.model.UpdateRouteRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ecs.model.ContinueServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.servicediscovery.model.DeregisterInstanceRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetInstanceRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListInstancesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListNamespacesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListServicesRequest;
import software.amazon.awssdk.services.servicediscovery.model.RegisterInstanceRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.vpclattice.model.GetRuleRequest;
import software.amazon.awssdk.services.vpclattice.model.GetTargetGroupRequest;
import software.amazon.awssdk.services.vpclattice.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.vpclattice.model.ListTargetGroupsRequest;
import software.amazon.awssdk.services.vpclattice.model.ListTargetsRequest;
import software.amazon.awssdk.services.vpclattice.model.UpdateRuleRequest;

/**
 * Each operation the functions call, with the action and resource ARN the Service Authorization Reference gives
 * for it (resource types and ARN formats per service: ssm parameter, ecs task/container-instance/service, appmesh
 * mesh/virtualNode/virtualRouter/route, dynamodb table, states stateMachine/execution, events event-bus, lambda
 * function, elasticloadbalancing listener-rule/targetgroup, vpc-lattice rule/targetgroup, sqs queue).
 */
class OperationResourcesTest {
    private static final String ARN = "arn:aws:%s:us-east-1:123456789012:%s";
    private final OperationResources operations = new OperationResources("us-east-1", "123456789012");

    static Stream<Arguments> operationsTheFunctionsCall() {
        return Stream.of(
                call(GetParameterRequest.builder().name("/meshcanary/shop/orders").build(),
                        "ssm:GetParameter", arn("ssm", "parameter/meshcanary/shop/orders")),
                call(GetParametersByPathRequest.builder().path("/meshcanary").build(),
                        "ssm:GetParametersByPath", arn("ssm", "parameter/meshcanary")),
                call(DescribeTasksRequest.builder().cluster("shop").tasks("abc").build(),
                        "ecs:DescribeTasks", arn("ecs", "task/shop/abc")),
                call(DescribeTasksRequest.builder().cluster(arn("ecs", "cluster/shop"))
                                .tasks(arn("ecs", "task/shop/abc")).build(),
                        "ecs:DescribeTasks", arn("ecs", "task/shop/abc")),
                call(DescribeContainerInstancesRequest.builder().cluster("shop").containerInstances("ci").build(),
                        "ecs:DescribeContainerInstances", arn("ecs", "container-instance/shop/ci")),
                call(ListTasksRequest.builder().cluster("shop").serviceName("orders").build(),
                        "ecs:ListTasks", arn("ecs", "container-instance/shop/*")),
                call(DescribeServicesRequest.builder().cluster("shop").services("orders").build(),
                        "ecs:DescribeServices", arn("ecs", "service/shop/orders")),
                call(UpdateServiceRequest.builder().cluster("shop").service("orders").build(),
                        "ecs:UpdateService", arn("ecs", "service/shop/orders")),
                call(DeleteServiceRequest.builder().cluster("shop").service("orders-primary").build(),
                        "ecs:DeleteService", arn("ecs", "service/shop/orders-primary")),
                call(ContinueServiceDeploymentRequest.builder().hookId("ecs-pause-1").action("CONTINUE")
                                .serviceDeploymentArn(arn("ecs", "service-deployment/shop/orders/d1")).build(),
                        "ecs:ContinueServiceDeployment", arn("ecs", "service-deployment/shop/orders/d1")),
                call(StopServiceDeploymentRequest.builder().stopType("ROLLBACK")
                                .serviceDeploymentArn(arn("ecs", "service-deployment/shop/orders/d1")).build(),
                        "ecs:StopServiceDeployment", arn("ecs", "service-deployment/shop/orders/d1")),
                call(DescribeServiceDeploymentsRequest.builder()
                                .serviceDeploymentArns(arn("ecs", "service-deployment/shop/orders/d1")).build(),
                        "ecs:DescribeServiceDeployments", arn("ecs", "service-deployment/shop/orders/d1")),
                call(DescribeServiceRevisionsRequest.builder()
                                .serviceRevisionArns(arn("ecs", "service-revision/shop/orders/r1")).build(),
                        "ecs:DescribeServiceRevisions", arn("ecs", "service-revision/shop/orders/r1")),
                call(ListServiceDeploymentsRequest.builder().cluster("shop").service("orders").build(),
                        "ecs:ListServiceDeployments", arn("ecs", "service/shop/orders")),
                call(RegisterScalableTargetRequest.builder().serviceNamespace("ecs")
                                .scalableDimension("ecs:service:DesiredCount").resourceId("service/shop/orders").build(),
                        "application-autoscaling:RegisterScalableTarget",
                        arn("application-autoscaling", "scalable-target/*")),
                call(DescribeScalableTargetsRequest.builder().build(),
                        "application-autoscaling:DescribeScalableTargets", "*"),
                call(CreateServiceRequest.builder().cluster("shop").serviceName("orders-primary").build(),
                        "ecs:CreateService", arn("ecs", "service/shop/orders-primary")),
                call(DescribeInstancesRequest.builder().instanceIds("i-1").build(), "ec2:DescribeInstances", "*"),
                call(ListNamespacesRequest.builder().build(), "servicediscovery:ListNamespaces", "*"),
                call(ListServicesRequest.builder().build(), "servicediscovery:ListServices", "*"),
                call(ListInstancesRequest.builder().serviceId("srv-1").build(),
                        "servicediscovery:ListInstances", arn("servicediscovery", "service/srv-1")),
                call(RegisterInstanceRequest.builder().serviceId("srv-1").instanceId("t").build(),
                        "servicediscovery:RegisterInstance", arn("servicediscovery", "service/srv-1")),
                call(DeregisterInstanceRequest.builder().serviceId("srv-1").instanceId("t").build(),
                        "servicediscovery:DeregisterInstance", arn("servicediscovery", "service/srv-1")),
                call(GetInstanceRequest.builder().serviceId("srv-1").instanceId("t").build(),
                        "servicediscovery:GetInstance", arn("servicediscovery", "service/srv-1")),
                call(ListVirtualNodesRequest.builder().meshName("m").build(),
                        "appmesh:ListVirtualNodes", arn("appmesh", "mesh/m")),
                call(CreateVirtualNodeRequest.builder().meshName("m").virtualNodeName("n").build(),
                        "appmesh:CreateVirtualNode", arn("appmesh", "mesh/m/virtualNode/n")),
                call(DeleteVirtualNodeRequest.builder().meshName("m").virtualNodeName("n").build(),
                        "appmesh:DeleteVirtualNode", arn("appmesh", "mesh/m/virtualNode/n")),
                call(ListVirtualRoutersRequest.builder().meshName("m").build(),
                        "appmesh:ListVirtualRouters", arn("appmesh", "mesh/m")),
                call(CreateVirtualRouterRequest.builder().meshName("m").virtualRouterName("r").build(),
                        "appmesh:CreateVirtualRouter", arn("appmesh", "mesh/m/virtualRouter/r")),
                call(ListRoutesRequest.builder().meshName("m").virtualRouterName("r").build(),
                        "appmesh:ListRoutes", arn("appmesh", "mesh/m/virtualRouter/r")),
                call(DescribeRouteRequest.builder().meshName("m").virtualRouterName("r").routeName("o").build(),
                        "appmesh:DescribeRoute", arn("appmesh", "mesh/m/virtualRouter/r/route/o")),
                call(CreateRouteRequest.builder().meshName("m").virtualRouterName("r").routeName("o").build(),
                        "appmesh:CreateRoute", arn("appmesh", "mesh/m/virtualRouter/r/route/o")),
                call(UpdateRouteRequest.builder().meshName("m").virtualRouterName("r").routeName("o")
                                .meshOwner("210987654321").build(),
                        "appmesh:UpdateRoute", "arn:aws:appmesh:us-east-1:210987654321:mesh/m/virtualRouter/r/route/o"),
                call(DescribeAlarmsRequest.builder().alarmNames("a").build(), "cloudwatch:DescribeAlarms", "*"),
                call(GetMetricDataRequest.builder().build(), "cloudwatch:GetMetricData", "*"),
                call(PutMetricAlarmRequest.builder().alarmName("cpu-high-primary").build(),
                        "cloudwatch:PutMetricAlarm", arn("cloudwatch", "alarm:cpu-high-primary")),
                call(DeleteAlarmsRequest.builder().alarmNames("cpu-high-primary").build(),
                        "cloudwatch:DeleteAlarms", arn("cloudwatch", "alarm:cpu-high-primary")),
                call(GetItemRequest.builder().tableName("rollouts").build(),
                        "dynamodb:GetItem", arn("dynamodb", "table/rollouts")),
                call(PutItemRequest.builder().tableName("rollouts").build(),
                        "dynamodb:PutItem", arn("dynamodb", "table/rollouts")),
                call(ScanRequest.builder().tableName("rollouts").build(),
                        "dynamodb:Scan", arn("dynamodb", "table/rollouts")),
                call(StartExecutionRequest.builder().stateMachineArn(arn("states", "stateMachine:sm")).build(),
                        "states:StartExecution", arn("states", "stateMachine:sm")),
                call(DescribeExecutionRequest.builder().executionArn(arn("states", "execution:sm:e")).build(),
                        "states:DescribeExecution", arn("states", "execution:sm:e")),
                call(StopExecutionRequest.builder().executionArn(arn("states", "execution:sm:e")).build(),
                        "states:StopExecution", arn("states", "execution:sm:e")),
                call(SendTaskSuccessRequest.builder().taskToken("t").build(), "states:SendTaskSuccess", "*"),
                call(SendTaskFailureRequest.builder().taskToken("t").build(), "states:SendTaskFailure", "*"),
                call(PutEventsRequest.builder().entries(entry -> entry.eventBusName("rollouts")).build(),
                        "events:PutEvents", arn("events", "event-bus/rollouts")),
                call(PutEventsRequest.builder().entries(entry -> entry.source("s")).build(),
                        "events:PutEvents", arn("events", "event-bus/default")),
                call(InvokeRequest.builder().functionName("meshcanary-gate-smoke").build(),
                        "lambda:InvokeFunction", arn("lambda", "function:meshcanary-gate-smoke")),
                call(InvokeRequest.builder().functionName(arn("lambda", "function:gate:live")).build(),
                        "lambda:InvokeFunction", arn("lambda", "function:gate:live")),
                call(InvokeRequest.builder().functionName("123456789012:function:gate").qualifier("2").build(),
                        "lambda:InvokeFunction", arn("lambda", "function:gate:2")),
                call(DescribeRulesRequest.builder().ruleArns("r").build(), "elasticloadbalancing:DescribeRules", "*"),
                call(DescribeTargetGroupsRequest.builder().build(), "elasticloadbalancing:DescribeTargetGroups", "*"),
                call(DescribeTargetHealthRequest.builder().targetGroupArn("tg").build(),
                        "elasticloadbalancing:DescribeTargetHealth", "*"),
                call(ModifyRuleRequest.builder().ruleArn(arn("elasticloadbalancing", "listener-rule/app/lb/1/2/3"))
                                .build(),
                        "elasticloadbalancing:ModifyRule", arn("elasticloadbalancing", "listener-rule/app/lb/1/2/3")),
                call(software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest.builder()
                                .name("orders-primary").build(),
                        "elasticloadbalancing:CreateTargetGroup",
                        arn("elasticloadbalancing", "targetgroup/orders-primary/*")),
                call(GetRuleRequest.builder().serviceIdentifier("svc-1").listenerIdentifier("listener-2")
                                .ruleIdentifier("rule-3").build(),
                        "vpc-lattice:GetRule", arn("vpc-lattice", "service/svc-1/listener/listener-2/rule/rule-3")),
                call(UpdateRuleRequest.builder().serviceIdentifier(arn("vpc-lattice", "service/svc-1"))
                                .listenerIdentifier("listener-2").ruleIdentifier("rule-3").build(),
                        "vpc-lattice:UpdateRule", arn("vpc-lattice", "service/svc-1/listener/listener-2/rule/rule-3")),
                call(GetTargetGroupRequest.builder().targetGroupIdentifier("tg-1").build(),
                        "vpc-lattice:GetTargetGroup", arn("vpc-lattice", "targetgroup/tg-1")),
                call(ListTargetGroupsRequest.builder().build(), "vpc-lattice:ListTargetGroups", "*"),
                call(ListTargetsRequest.builder().targetGroupIdentifier("tg-1").build(), "vpc-lattice:ListTargets",
                        arn("vpc-lattice", "targetgroup/tg-1")),
                call(DeleteTargetGroupRequest.builder().targetGroupIdentifier(arn("vpc-lattice", "targetgroup/tg-1"))
                        .build(), "vpc-lattice:DeleteTargetGroup", arn("vpc-lattice", "targetgroup/tg-1")),
                call(SendMessageRequest.builder().queueUrl("http://localhost:1/123456789012/q").build(),
                        "sqs:SendMessage", arn("sqs", "q")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("operationsTheFunctionsCall")
    void eachOperationNeedsItsActionOnTheResourceItNames(SdkRequest request, String action, String resource) {
        assertThat(operations.authorizations(request)).first()
                .extracting(Authorization::action, Authorization::resource)
                .containsExactly(action, resource);
    }

    @Test
    void theEcsCallsCarryTheirClusterForTheEcsClusterCondition() {
        assertThat(operations.authorizations(ListTasksRequest.builder().cluster("shop").build()).getFirst().context())
                .isEqualTo(Map.of("ecs:cluster", arn("ecs", "cluster/shop")));
    }

    @Test
    void aBatchCallNeedsEveryResourceItNames() {
        assertThat(operations.authorizations(DescribeTasksRequest.builder().cluster("shop").tasks("a", "b").build()))
                .extracting(Authorization::resource)
                .containsExactly(arn("ecs", "task/shop/a"), arn("ecs", "task/shop/b"));
        assertThat(operations.authorizations(DeleteAlarmsRequest.builder().alarmNames("a", "b").build()))
                .extracting(Authorization::resource)
                .containsExactly(arn("cloudwatch", "alarm:a"), arn("cloudwatch", "alarm:b"));
    }

    @Test
    void creatingWithTagsAlsoNeedsTheTaggingAction() {
        assertThat(operations.authorizations(CreateServiceRequest.builder().cluster("shop").serviceName("o")
                        .tags(tag -> tag.key("meshcanary:managed-by").value("meshcanary")).build()))
                .extracting(Authorization::action)
                .containsExactly("ecs:CreateService", "ecs:TagResource");
        List<Authorization> lattice = operations.authorizations(
                software.amazon.awssdk.services.vpclattice.model.CreateTargetGroupRequest.builder().name("o")
                        .tags(Map.of("meshcanary:managed-by", "meshcanary")).build());
        assertThat(lattice).extracting(Authorization::action)
                .containsExactly("vpc-lattice:CreateTargetGroup", "vpc-lattice:TagResource");
        assertThat(lattice.getFirst().context())
                .isEqualTo(Map.of("aws:RequestTag/meshcanary:managed-by", "meshcanary"));
    }

    @Test
    void passingTheLatticeRoleToEcsNeedsPassRoleForEcs() {
        assertThat(operations.authorizations(CreateServiceRequest.builder().cluster("shop").serviceName("o")
                        .vpcLatticeConfigurations(config -> config.roleArn("arn:aws:iam::123456789012:role/infra"))
                        .build()))
                .contains(new Authorization("iam:PassRole", "arn:aws:iam::123456789012:role/infra",
                        Map.of("iam:PassedToService", "ecs.amazonaws.com")));
    }

    @Test
    void everyRoleACreateOrUpdateOfAServiceNamesIsPassedToEcs() {
        String[] roles = {"arn:aws:iam::123456789012:role/blue-green", "arn:aws:iam::123456789012:role/ebs",
                "arn:aws:iam::123456789012:role/hooks"};
        UpdateServiceRequest update = UpdateServiceRequest.builder().cluster("shop").service("o")
                .loadBalancers(balancer -> balancer.advancedConfiguration(advanced -> advanced.roleArn(roles[0])))
                .volumeConfigurations(volume -> volume.managedEBSVolume(ebs -> ebs.roleArn(roles[1])))
                .deploymentConfiguration(deployment -> deployment.lifecycleHooks(hook -> hook.roleArn(roles[2])))
                .build();
        CreateServiceRequest create = CreateServiceRequest.builder().cluster("shop").serviceName("o")
                .role("arn:aws:iam::123456789012:role/ecs-elb")
                .loadBalancers(update.loadBalancers()).volumeConfigurations(update.volumeConfigurations())
                .deploymentConfiguration(update.deploymentConfiguration()).build();

        assertThat(operations.authorizations(update)).filteredOn(needed -> needed.action().equals("iam:PassRole"))
                .allSatisfy(needed -> assertThat(needed.context())
                        .isEqualTo(Map.of("iam:PassedToService", "ecs.amazonaws.com")))
                .extracting(Authorization::resource).containsExactly(roles);
        assertThat(operations.authorizations(create)).filteredOn(needed -> needed.action().equals("iam:PassRole"))
                .extracting(Authorization::resource)
                .containsExactly("arn:aws:iam::123456789012:role/ecs-elb", roles[0], roles[1], roles[2]);
    }

    @Test
    void anOperationNoOneMappedFailsAndSaysWhereToAddIt() {
        assertThatThrownBy(() -> operations.authorizations(DeleteClusterRequest.builder().cluster("o").build()))
                .isInstanceOf(UnmappedOperationException.class)
                .hasMessageContaining("DeleteClusterRequest")
                .hasMessageContaining("OperationResources");
    }

    private static Arguments call(SdkRequest request, String action, String resource) {
        return Arguments.of(request, action, resource);
    }

    private static String arn(String service, String resource) {
        return ARN.formatted(service, resource);
    }
}
