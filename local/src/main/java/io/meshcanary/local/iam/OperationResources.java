package io.meshcanary.local.iam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScheduledActionRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScheduledActionRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.appmesh.model.CreateRouteRequest;
import software.amazon.awssdk.services.appmesh.model.CreateVirtualNodeRequest;
import software.amazon.awssdk.services.appmesh.model.CreateVirtualRouterRequest;
import software.amazon.awssdk.services.appmesh.model.DeleteVirtualNodeRequest;
import software.amazon.awssdk.services.appmesh.model.DescribeRouteRequest;
import software.amazon.awssdk.services.appmesh.model.DescribeVirtualNodeRequest;
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
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ecs.model.AdvancedConfiguration;
import software.amazon.awssdk.services.ecs.model.ContinueServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.ServiceManagedEBSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.VpcLatticeConfiguration;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
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
import software.amazon.awssdk.services.vpclattice.model.ListTargetGroupsRequest;
import software.amazon.awssdk.services.vpclattice.model.ListTargetsRequest;
import software.amazon.awssdk.services.vpclattice.model.UpdateRuleRequest;

/**
 * What IAM authorizes for each SDK operation the functions call: the action, the resource ARN derived from the
 * request as the Service Authorization Reference gives it, and the condition keys the request sets. This is the one
 * list to extend when a function calls a new operation: add an {@code on(...)} line below, and a case to
 * {@code OperationResourcesTest}. An operation missing here fails the call ({@link UnmappedOperationException}), so
 * the list cannot silently fall behind the code.
 */
public final class OperationResources {

    /**
     * Condition keys the local runtime cannot supply, so conditions on them are not evaluated. The suite's shops
     * each have their own Cloud Map namespace while the stack's policy names one (CloudMapNamespaceId), and moto's
     * namespace ids are random: the key could be looked up but could never match. A resource's tags are not looked
     * up: a Lattice target group's ARN carries no name, so deleting only meshcanary's is a condition on its tag.
     */
    public static final List<String> UNCHECKED_CONDITION_KEYS = List.of("servicediscovery:NamespaceArn",
            "aws:ResourceTag/meshcanary:managed-by");

    private final Arns arns;
    private final Map<Class<?>, BiFunction<SdkRequest, Arns, List<Authorization>>> mappings = new HashMap<>();

    public OperationResources(String region, String accountId) {
        this.arns = new Arns(region, accountId);
        ssm();
        ecs();
        ec2();
        cloudMap();
        appMesh();
        cloudWatch();
        dynamoDb();
        stepFunctions();
        eventBridge();
        lambda();
        elasticLoadBalancing();
        vpcLattice();
        applicationAutoScaling();
        sqs();
    }

    /** @throws UnmappedOperationException for an operation no line below maps */
    public List<Authorization> authorizations(SdkRequest request) {
        BiFunction<SdkRequest, Arns, List<Authorization>> mapping = mappings.get(request.getClass());
        if (mapping == null) {
            throw new UnmappedOperationException(request.getClass());
        }
        return mapping.apply(request, arns);
    }

    private void ssm() {
        on(GetParameterRequest.class, (r, a) -> one("ssm:GetParameter", a.ssmParameter(r.name())));
        // Authorized on the path itself (SAR: GetParametersByPath, resource "parameter").
        on(GetParametersByPathRequest.class, (r, a) -> one("ssm:GetParametersByPath", a.ssmParameter(r.path())));
    }

    private void ecs() {
        on(DescribeTasksRequest.class, (r, a) -> r.tasks().stream()
                .map(task -> ecsInCluster("ecs:DescribeTasks", a.ecs(r.cluster(), "task", task), r.cluster(), a))
                .toList());
        on(DescribeContainerInstancesRequest.class, (r, a) -> r.containerInstances().stream()
                .map(instance -> ecsInCluster("ecs:DescribeContainerInstances",
                        a.ecs(r.cluster(), "container-instance", instance), r.cluster(), a))
                .toList());
        // ListTasks names no task: SAR gives container-instance as its resource, scoped by ecs:cluster.
        on(ListTasksRequest.class, (r, a) -> List.of(ecsInCluster("ecs:ListTasks",
                a.ecs(r.cluster(), "container-instance", Optional.ofNullable(r.containerInstance()).orElse("*")),
                r.cluster(), a)));
        on(DescribeServicesRequest.class, (r, a) -> r.services().stream()
                .map(service -> ecsInCluster("ecs:DescribeServices", a.ecs(r.cluster(), "service", service),
                        r.cluster(), a))
                .toList());
        on(UpdateServiceRequest.class, (r, a) -> {
            List<Authorization> needed = new ArrayList<>();
            needed.add(ecsInCluster("ecs:UpdateService", a.ecs(r.cluster(), "service", r.service()), r.cluster(), a));
            needed.addAll(passedToEcs(serviceRoles(r.loadBalancers(), r.vpcLatticeConfigurations(),
                    r.volumeConfigurations(), r.deploymentConfiguration())));
            return needed;
        });
        on(DeleteServiceRequest.class, (r, a) -> List.of(ecsInCluster("ecs:DeleteService",
                a.ecs(r.cluster(), "service", r.service()), r.cluster(), a)));
        on(CreateServiceRequest.class, (r, a) -> {
            String service = a.ecs(r.cluster(), "service", r.serviceName());
            List<Authorization> needed = new ArrayList<>();
            needed.add(ecsInCluster("ecs:CreateService", service, r.cluster(), a));
            // Tagging on create is authorized as ecs:TagResource too (ECS's tag-on-create authorization).
            if (r.hasTags() && !r.tags().isEmpty()) {
                needed.add(new Authorization("ecs:TagResource", service, Map.of("ecs:CreateAction", "CreateService")));
            }
            needed.addAll(passedToEcs(Stream.concat(Stream.of(r.role()), serviceRoles(r.loadBalancers(),
                    r.vpcLatticeConfigurations(), r.volumeConfigurations(), r.deploymentConfiguration()))));
            return needed;
        });
        on(TagResourceRequest.class, (r, a) -> one("ecs:TagResource", r.resourceArn()));
        // The native mode's calls (SAR, Amazon ECS): a service deployment or revision is named by its ARN,
        // service-deployment/<cluster>/<service>/<id> and service-revision/<cluster>/<service>/<id>; a listing of a
        // service's deployments is authorized on the service.
        on(ContinueServiceDeploymentRequest.class, (r, a) -> List.of(ecsInCluster("ecs:ContinueServiceDeployment",
                r.serviceDeploymentArn(), clusterOf(r.serviceDeploymentArn()), a)));
        on(StopServiceDeploymentRequest.class, (r, a) -> List.of(ecsInCluster("ecs:StopServiceDeployment",
                r.serviceDeploymentArn(), clusterOf(r.serviceDeploymentArn()), a)));
        on(DescribeServiceDeploymentsRequest.class, (r, a) -> r.serviceDeploymentArns().stream()
                .map(deployment -> ecsInCluster("ecs:DescribeServiceDeployments", deployment, clusterOf(deployment),
                        a))
                .toList());
        on(DescribeServiceRevisionsRequest.class, (r, a) -> r.serviceRevisionArns().stream()
                .map(revision -> ecsInCluster("ecs:DescribeServiceRevisions", revision, clusterOf(revision), a))
                .toList());
        on(ListServiceDeploymentsRequest.class, (r, a) -> List.of(ecsInCluster("ecs:ListServiceDeployments",
                a.ecs(r.cluster(), "service", r.service()), r.cluster(), a)));
    }

    /** The cluster of {@code arn:...:service-deployment/<cluster>/<service>/<id>} (or service-revision). */
    private static String clusterOf(String arn) {
        String resource = arn.substring(arn.lastIndexOf(':') + 1);
        String[] parts = resource.split("/");
        return parts.length > 1 ? parts[1] : resource;
    }

    private void ec2() {
        on(DescribeInstancesRequest.class, (r, a) -> one("ec2:DescribeInstances", "*"));
    }

    private void cloudMap() {
        on(ListNamespacesRequest.class, (r, a) -> one("servicediscovery:ListNamespaces", "*"));
        on(ListServicesRequest.class, (r, a) -> one("servicediscovery:ListServices", "*"));
        on(ListInstancesRequest.class, (r, a) ->
                one("servicediscovery:ListInstances", a.cloudMapService(r.serviceId())));
        on(RegisterInstanceRequest.class, (r, a) ->
                one("servicediscovery:RegisterInstance", a.cloudMapService(r.serviceId())));
        on(DeregisterInstanceRequest.class, (r, a) ->
                one("servicediscovery:DeregisterInstance", a.cloudMapService(r.serviceId())));
        on(GetInstanceRequest.class, (r, a) ->
                one("servicediscovery:GetInstance", a.cloudMapService(r.serviceId())));
    }

    private void appMesh() {
        on(ListVirtualNodesRequest.class, (r, a) -> one("appmesh:ListVirtualNodes",
                a.mesh(r.meshOwner(), r.meshName(), "")));
        on(CreateVirtualNodeRequest.class, (r, a) -> one("appmesh:CreateVirtualNode",
                a.mesh(r.meshOwner(), r.meshName(), "/virtualNode/" + r.virtualNodeName())));
        on(DeleteVirtualNodeRequest.class, (r, a) -> one("appmesh:DeleteVirtualNode",
                a.mesh(r.meshOwner(), r.meshName(), "/virtualNode/" + r.virtualNodeName())));
        on(DescribeVirtualNodeRequest.class, (r, a) -> one("appmesh:DescribeVirtualNode",
                a.mesh(r.meshOwner(), r.meshName(), "/virtualNode/" + r.virtualNodeName())));
        on(ListVirtualRoutersRequest.class, (r, a) -> one("appmesh:ListVirtualRouters",
                a.mesh(r.meshOwner(), r.meshName(), "")));
        on(CreateVirtualRouterRequest.class, (r, a) -> one("appmesh:CreateVirtualRouter",
                a.mesh(r.meshOwner(), r.meshName(), "/virtualRouter/" + r.virtualRouterName())));
        on(ListRoutesRequest.class, (r, a) -> one("appmesh:ListRoutes",
                a.mesh(r.meshOwner(), r.meshName(), "/virtualRouter/" + r.virtualRouterName())));
        on(DescribeRouteRequest.class, (r, a) -> one("appmesh:DescribeRoute",
                a.route(r.meshOwner(), r.meshName(), r.virtualRouterName(), r.routeName())));
        on(CreateRouteRequest.class, (r, a) -> one("appmesh:CreateRoute",
                a.route(r.meshOwner(), r.meshName(), r.virtualRouterName(), r.routeName())));
        on(UpdateRouteRequest.class, (r, a) -> one("appmesh:UpdateRoute",
                a.route(r.meshOwner(), r.meshName(), r.virtualRouterName(), r.routeName())));
    }

    private void cloudWatch() {
        on(DescribeAlarmsRequest.class, (r, a) -> one("cloudwatch:DescribeAlarms", "*"));
        on(GetMetricDataRequest.class, (r, a) -> one("cloudwatch:GetMetricData", "*"));
        on(PutMetricAlarmRequest.class, (r, a) -> one("cloudwatch:PutMetricAlarm", a.arn("cloudwatch",
                "alarm:" + r.alarmName())));
        on(DeleteAlarmsRequest.class, (r, a) -> r.alarmNames().stream()
                .map(name -> new Authorization("cloudwatch:DeleteAlarms", a.arn("cloudwatch", "alarm:" + name)))
                .toList());
    }

    private void dynamoDb() {
        on(GetItemRequest.class, (r, a) -> one("dynamodb:GetItem", a.table(r.tableName())));
        on(PutItemRequest.class, (r, a) -> one("dynamodb:PutItem", a.table(r.tableName())));
        on(ScanRequest.class, (r, a) -> one("dynamodb:Scan", a.table(r.tableName())));
        on(UpdateItemRequest.class, (r, a) -> one("dynamodb:UpdateItem", a.table(r.tableName())));
    }

    private void stepFunctions() {
        on(StartExecutionRequest.class, (r, a) -> one("states:StartExecution", r.stateMachineArn()));
        on(DescribeExecutionRequest.class, (r, a) -> one("states:DescribeExecution", r.executionArn()));
        on(StopExecutionRequest.class, (r, a) -> one("states:StopExecution", r.executionArn()));
        // SAR (AWS Step Functions): SendTaskSuccess/Failure/Heartbeat list no resource type, so IAM grants them only
        // through a statement with Resource "*"; one scoped to the state machine never matches.
        on(SendTaskSuccessRequest.class, (r, a) -> one("states:SendTaskSuccess", "*"));
        on(SendTaskFailureRequest.class, (r, a) -> one("states:SendTaskFailure", "*"));
    }

    private void eventBridge() {
        on(PutEventsRequest.class, (r, a) -> r.entries().stream()
                .map(entry -> Optional.ofNullable(entry.eventBusName()).orElse("default"))
                .distinct()
                .map(bus -> new Authorization("events:PutEvents",
                        bus.startsWith("arn:") ? bus : a.arn("events", "event-bus/" + bus)))
                .toList());
    }

    private void lambda() {
        on(InvokeRequest.class, (r, a) -> one("lambda:InvokeFunction", a.function(r.functionName(), r.qualifier())));
    }

    private void elasticLoadBalancing() {
        on(DescribeRulesRequest.class, (r, a) -> one("elasticloadbalancing:DescribeRules", "*"));
        on(DescribeTargetGroupsRequest.class, (r, a) -> one("elasticloadbalancing:DescribeTargetGroups", "*"));
        on(DescribeTargetHealthRequest.class, (r, a) -> one("elasticloadbalancing:DescribeTargetHealth", "*"));
        on(DescribeTargetGroupAttributesRequest.class, (r, a) ->
                one("elasticloadbalancing:DescribeTargetGroupAttributes", "*"));
        on(ModifyTargetGroupAttributesRequest.class, (r, a) ->
                one("elasticloadbalancing:ModifyTargetGroupAttributes", r.targetGroupArn()));
        on(DeleteTargetGroupRequest.class, (r, a) -> one("elasticloadbalancing:DeleteTargetGroup",
                r.targetGroupArn()));
        on(ModifyRuleRequest.class, (r, a) -> one("elasticloadbalancing:ModifyRule", r.ruleArn()));
        on(software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest.class, (r, a) -> {
            // The group's id is not known before it exists; its name is, and policies scope on it.
            String group = a.arn("elasticloadbalancing", "targetgroup/%s/*".formatted(r.name()));
            List<Authorization> needed = new ArrayList<>();
            needed.add(new Authorization("elasticloadbalancing:CreateTargetGroup", group));
            if (r.hasTags() && !r.tags().isEmpty()) {
                needed.add(new Authorization("elasticloadbalancing:AddTags", group,
                        Map.of("elasticloadbalancing:CreateAction", "CreateTargetGroup")));
            }
            return needed;
        });
        on(AddTagsRequest.class, (r, a) -> r.resourceArns().stream()
                .map(arn -> new Authorization("elasticloadbalancing:AddTags", arn)).toList());
    }

    private void vpcLattice() {
        on(GetRuleRequest.class, (r, a) -> one("vpc-lattice:GetRule",
                a.latticeRule(r.serviceIdentifier(), r.listenerIdentifier(), r.ruleIdentifier())));
        on(UpdateRuleRequest.class, (r, a) -> one("vpc-lattice:UpdateRule",
                a.latticeRule(r.serviceIdentifier(), r.listenerIdentifier(), r.ruleIdentifier())));
        on(GetTargetGroupRequest.class, (r, a) -> one("vpc-lattice:GetTargetGroup",
                a.latticeTargetGroup(r.targetGroupIdentifier())));
        on(ListTargetGroupsRequest.class, (r, a) -> one("vpc-lattice:ListTargetGroups", "*"));
        on(ListTargetsRequest.class, (r, a) -> one("vpc-lattice:ListTargets",
                a.latticeTargetGroup(r.targetGroupIdentifier())));
        on(software.amazon.awssdk.services.vpclattice.model.DeleteTargetGroupRequest.class, (r, a) -> one(
                "vpc-lattice:DeleteTargetGroup", a.latticeTargetGroup(r.targetGroupIdentifier())));
        on(software.amazon.awssdk.services.vpclattice.model.CreateTargetGroupRequest.class, (r, a) -> {
            Map<String, String> requestTags = new HashMap<>();
            if (r.hasTags()) {
                r.tags().forEach((key, value) -> requestTags.put("aws:RequestTag/" + key, value));
            }
            String group = a.latticeTargetGroup("*");
            List<Authorization> needed = new ArrayList<>();
            needed.add(new Authorization("vpc-lattice:CreateTargetGroup", group, requestTags));
            if (!requestTags.isEmpty()) {
                needed.add(new Authorization("vpc-lattice:TagResource", group, requestTags));
            }
            return needed;
        });
        on(software.amazon.awssdk.services.vpclattice.model.TagResourceRequest.class, (r, a) -> {
            Map<String, String> requestTags = new HashMap<>();
            r.tags().forEach((key, value) -> requestTags.put("aws:RequestTag/" + key, value));
            return List.of(new Authorization("vpc-lattice:TagResource", r.resourceArn(), requestTags));
        });
    }

    /** Only the local runtime's own test functions send to SQS; the product's functions do not. */
    private void sqs() {
        on(SendMessageRequest.class, (r, a) -> one("sqs:SendMessage", a.queue(r.queueUrl())));
    }

    @SuppressWarnings("unchecked")
    /** Describe* take no resource; a write's resource is a scalable target, whose ARN names no service. */
    private void applicationAutoScaling() {
        on(DescribeScalableTargetsRequest.class, (r, a) ->
                one("application-autoscaling:DescribeScalableTargets", "*"));
        on(DescribeScalingPoliciesRequest.class, (r, a) ->
                one("application-autoscaling:DescribeScalingPolicies", "*"));
        on(DescribeScheduledActionsRequest.class, (r, a) ->
                one("application-autoscaling:DescribeScheduledActions", "*"));
        on(RegisterScalableTargetRequest.class, (r, a) -> List.of(scalableTarget(
                "RegisterScalableTarget", r.serviceNamespaceAsString(), r.scalableDimensionAsString(), a)));
        on(DeregisterScalableTargetRequest.class, (r, a) -> List.of(scalableTarget(
                "DeregisterScalableTarget", r.serviceNamespaceAsString(), r.scalableDimensionAsString(), a)));
        on(PutScalingPolicyRequest.class, (r, a) -> List.of(scalableTarget(
                "PutScalingPolicy", r.serviceNamespaceAsString(), r.scalableDimensionAsString(), a)));
        on(DeleteScalingPolicyRequest.class, (r, a) -> List.of(scalableTarget(
                "DeleteScalingPolicy", r.serviceNamespaceAsString(), r.scalableDimensionAsString(), a)));
        on(PutScheduledActionRequest.class, (r, a) -> List.of(scalableTarget(
                "PutScheduledAction", r.serviceNamespaceAsString(), r.scalableDimensionAsString(), a)));
        on(DeleteScheduledActionRequest.class, (r, a) -> List.of(scalableTarget(
                "DeleteScheduledAction", r.serviceNamespaceAsString(), r.scalableDimensionAsString(), a)));
    }

    private static Authorization scalableTarget(String operation, String namespace, String dimension, Arns arns) {
        return new Authorization("application-autoscaling:" + operation,
                arns.arn("application-autoscaling", "scalable-target/*"),
                Map.of("application-autoscaling:service-namespace", namespace,
                        "application-autoscaling:scalable-dimension", dimension));
    }

    private <T extends SdkRequest> void on(Class<T> type, BiFunction<T, Arns, List<Authorization>> mapping) {
        mappings.put(type, (request, arns) -> mapping.apply((T) request, arns));
    }

    private static List<Authorization> one(String action, String resource) {
        return List.of(new Authorization(action, resource));
    }

    /**
     * A role named in a CreateService or UpdateService request is passed to ECS, and IAM authorizes iam:PassRole on it
     * (IAM User Guide, "Grant a user permissions to pass a role to an AWS service"; the Amazon ECS Developer Guide
     * says so of each: the load balancer role ({@code role}), the infrastructure roles of VPC Lattice, managed EBS
     * volumes and blue/green load balancers ({@code advancedConfiguration.roleArn}), and lifecycle hook roles).
     */
    private static List<Authorization> passedToEcs(Stream<String> roles) {
        return roles.filter(Objects::nonNull).distinct()
                .map(role -> new Authorization("iam:PassRole", role, Map.of("iam:PassedToService",
                        "ecs.amazonaws.com")))
                .toList();
    }

    /** The roles a service's configuration names, as CreateService and UpdateService both take them. */
    private static Stream<String> serviceRoles(List<LoadBalancer> balancers, List<VpcLatticeConfiguration> lattice,
            List<ServiceVolumeConfiguration> volumes, DeploymentConfiguration deployment) {
        return Stream.of(
                balancers.stream().map(LoadBalancer::advancedConfiguration).filter(Objects::nonNull)
                        .map(AdvancedConfiguration::roleArn),
                lattice.stream().map(VpcLatticeConfiguration::roleArn),
                volumes.stream().map(ServiceVolumeConfiguration::managedEBSVolume).filter(Objects::nonNull)
                        .map(ServiceManagedEBSVolumeConfiguration::roleArn),
                deployment == null ? Stream.<String>empty()
                        : deployment.lifecycleHooks().stream().map(DeploymentLifecycleHook::roleArn))
                .flatMap(roles -> roles);
    }

    private static Authorization ecsInCluster(String action, String resource, String cluster, Arns arns) {
        return new Authorization(action, resource, Map.of("ecs:cluster", arns.ecsCluster(cluster)));
    }

    /** The ARN formats of the Service Authorization Reference, in this account and region. */
    record Arns(String region, String accountId) {

        String arn(String service, String resource) {
            return "arn:aws:%s:%s:%s:%s".formatted(service, region, accountId, resource);
        }

        /** A name with or without its leading slash, or an ARN. */
        String ssmParameter(String name) {
            if (name.startsWith("arn:")) {
                return name;
            }
            return arn("ssm", "parameter" + (name.startsWith("/") ? name : "/" + name));
        }

        /** ECS defaults to the cluster named "default"; a cluster is given by name or ARN. */
        String ecsCluster(String cluster) {
            return arn("ecs", "cluster/" + clusterName(cluster));
        }

        /** A task, container instance or service named by id, name or ARN. */
        String ecs(String cluster, String type, String idOrArn) {
            return idOrArn.startsWith("arn:") ? idOrArn
                    : arn("ecs", "%s/%s/%s".formatted(type, clusterName(cluster), idOrArn));
        }

        private static String clusterName(String cluster) {
            if (cluster == null) {
                return "default";
            }
            return cluster.startsWith("arn:") ? cluster.substring(cluster.indexOf(":cluster/") + 9) : cluster;
        }

        /** Cloud Map authorizes instance calls on the instance's service. */
        String cloudMapService(String serviceId) {
            return arn("servicediscovery", "service/" + serviceId);
        }

        String route(String owner, String mesh, String router, String route) {
            return mesh(owner, mesh, "/virtualRouter/%s/route/%s".formatted(router, route));
        }

        String mesh(String owner, String mesh, String below) {
            return "arn:aws:appmesh:%s:%s:mesh/%s%s".formatted(region, owner == null ? accountId : owner, mesh, below);
        }

        String table(String nameOrArn) {
            return nameOrArn.startsWith("arn:") ? nameOrArn : arn("dynamodb", "table/" + nameOrArn);
        }

        /** Invoke takes a name, a partial ARN (account:function:name) or an ARN, each maybe with ":qualifier". */
        String function(String functionName, String qualifier) {
            String[] parts = functionName.split(":");
            String arn = switch (parts.length) {
                case 1, 2 -> arn("lambda", "function:" + functionName);
                case 3, 4 -> "arn:aws:lambda:%s:%s".formatted(region, functionName);
                default -> functionName;
            };
            return qualifier == null ? arn : arn + ":" + qualifier;
        }

        String latticeRule(String service, String listener, String rule) {
            if (rule.startsWith("arn:")) {
                return rule;
            }
            return arn("vpc-lattice", "service/%s/listener/%s/rule/%s".formatted(
                    lastPart(service), lastPart(listener), rule));
        }

        String latticeTargetGroup(String idOrArn) {
            return idOrArn.startsWith("arn:") ? idOrArn : arn("vpc-lattice", "targetgroup/" + idOrArn);
        }

        private static String lastPart(String idOrArn) {
            return idOrArn.substring(idOrArn.lastIndexOf('/') + 1);
        }

        /** A queue URL ends with account/name. */
        String queue(String url) {
            String[] parts = url.split("/");
            return "arn:aws:sqs:%s:%s:%s".formatted(region, parts[parts.length - 2], parts[parts.length - 1]);
        }
    }
}
