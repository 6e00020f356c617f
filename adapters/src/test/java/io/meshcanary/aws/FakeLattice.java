package io.meshcanary.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;
import software.amazon.awssdk.services.vpclattice.model.ConflictException;
import software.amazon.awssdk.services.vpclattice.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.vpclattice.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.vpclattice.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.vpclattice.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.vpclattice.model.GetRuleRequest;
import software.amazon.awssdk.services.vpclattice.model.GetRuleResponse;
import software.amazon.awssdk.services.vpclattice.model.GetTargetGroupRequest;
import software.amazon.awssdk.services.vpclattice.model.GetTargetGroupResponse;
import software.amazon.awssdk.services.vpclattice.model.ListTargetGroupsRequest;
import software.amazon.awssdk.services.vpclattice.model.ListTargetGroupsResponse;
import software.amazon.awssdk.services.vpclattice.model.ListTargetsRequest;
import software.amazon.awssdk.services.vpclattice.model.ListTargetsResponse;
import software.amazon.awssdk.services.vpclattice.model.ResourceNotFoundException;
import software.amazon.awssdk.services.vpclattice.model.TargetGroupSummary;
import software.amazon.awssdk.services.vpclattice.model.TargetStatus;
import software.amazon.awssdk.services.vpclattice.model.TargetSummary;
import software.amazon.awssdk.services.vpclattice.model.UpdateRuleRequest;
import software.amazon.awssdk.services.vpclattice.model.UpdateRuleResponse;
import software.amazon.awssdk.services.vpclattice.model.ValidationException;
import software.amazon.awssdk.services.vpclattice.model.WeightedTargetGroup;

/**
 * VPC Lattice in memory, as its API reference documents the calls the router makes: the emulator has no GetRule or
 * UpdateRule. A rule is addressed by service, listener and rule identifier; UpdateRule takes match, priority and
 * action, rejects weights outside 0–999 and answers with the rule as stored. Every call is recorded by name.
 */
final class FakeLattice implements VpcLatticeClient {

    private static final int MAX_WEIGHT = 999;

    private final Map<String, GetRuleResponse> rules = new LinkedHashMap<>();
    private final Map<String, GetTargetGroupResponse> targetGroups = new LinkedHashMap<>();
    private final Map<String, List<TargetSummary>> targets = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** The group's targets, each with the status ListTargets reports for it. */
    FakeLattice targets(String targetGroupId, TargetStatus... statuses) {
        List<TargetSummary> listed = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            listed.add(TargetSummary.builder().id("10.0.0." + i).port(8080).status(statuses[i]).build());
        }
        targets.put(targetGroupId, listed);
        return this;
    }

    boolean hasTargetGroup(String id) {
        return targetGroups.containsKey(id);
    }

    FakeLattice rule(String service, String listener, GetRuleResponse rule) {
        rules.put(key(service, listener, rule.id()), rule);
        return this;
    }

    FakeLattice targetGroup(GetTargetGroupResponse group) {
        targetGroups.put(group.id(), group);
        return this;
    }

    GetRuleResponse rule(String service, String listener, String rule) {
        return rules.get(key(service, listener, rule));
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public GetRuleResponse getRule(GetRuleRequest request) {
        calls.add("GetRule");
        GetRuleResponse rule = rules.get(key(request.serviceIdentifier(), request.listenerIdentifier(),
                request.ruleIdentifier()));
        if (rule == null) {
            throw ResourceNotFoundException.builder().message("Rule not found").resourceId(request.ruleIdentifier())
                    .build();
        }
        return rule;
    }

    @Override
    public UpdateRuleResponse updateRule(UpdateRuleRequest request) {
        calls.add("UpdateRule");
        GetRuleResponse rule = getRule(GetRuleRequest.builder().serviceIdentifier(request.serviceIdentifier())
                .listenerIdentifier(request.listenerIdentifier()).ruleIdentifier(request.ruleIdentifier()).build());
        calls.removeLast();
        for (WeightedTargetGroup group : request.action().forward().targetGroups()) {
            if (group.weight() < 0 || group.weight() > MAX_WEIGHT) {
                throw ValidationException.builder().message("weight must be between 0 and 999").build();
            }
        }
        GetRuleResponse stored = rule.toBuilder().match(request.match()).priority(request.priority())
                .action(request.action()).build();
        rules.put(key(request.serviceIdentifier(), request.listenerIdentifier(), request.ruleIdentifier()), stored);
        return UpdateRuleResponse.builder().arn(stored.arn()).id(stored.id()).name(stored.name())
                .isDefault(stored.isDefault()).match(stored.match()).priority(stored.priority())
                .action(stored.action()).build();
    }

    @Override
    public GetTargetGroupResponse getTargetGroup(GetTargetGroupRequest request) {
        calls.add("GetTargetGroup");
        GetTargetGroupResponse group = targetGroups.get(LatticeRouterAdapter.idOf(request.targetGroupIdentifier()));
        if (group == null) {
            throw ResourceNotFoundException.builder().message("Target group not found").build();
        }
        return group;
    }

    @Override
    public ListTargetGroupsResponse listTargetGroups(ListTargetGroupsRequest request) {
        calls.add("ListTargetGroups");
        return ListTargetGroupsResponse.builder().items(targetGroups.values().stream()
                .filter(group -> group.config().vpcIdentifier().equals(request.vpcIdentifier()))
                .map(group -> TargetGroupSummary.builder().id(group.id()).arn(group.arn()).name(group.name())
                        .vpcIdentifier(group.config().vpcIdentifier()).build())
                .toList()).build();
    }

    @Override
    public ListTargetsResponse listTargets(ListTargetsRequest request) {
        calls.add("ListTargets");
        String id = LatticeRouterAdapter.idOf(request.targetGroupIdentifier());
        return ListTargetsResponse.builder().items(targets.getOrDefault(id, List.of())).build();
    }

    /** As Lattice does, refuses to delete a group that a rule still forwards to. */
    @Override
    public DeleteTargetGroupResponse deleteTargetGroup(DeleteTargetGroupRequest request) {
        calls.add("DeleteTargetGroup");
        String id = LatticeRouterAdapter.idOf(request.targetGroupIdentifier());
        boolean forwarded = rules.values().stream().flatMap(rule -> rule.action().forward().targetGroups().stream())
                .anyMatch(target -> LatticeRouterAdapter.idOf(target.targetGroupIdentifier()).equals(id));
        if (forwarded) {
            throw ConflictException.builder().message("target group " + id + " is in use by a rule").build();
        }
        GetTargetGroupResponse group = targetGroups.remove(id);
        if (group == null) {
            throw ResourceNotFoundException.builder().message("Target group not found").build();
        }
        return DeleteTargetGroupResponse.builder().id(id).arn(group.arn()).build();
    }

    @Override
    public CreateTargetGroupResponse createTargetGroup(CreateTargetGroupRequest request) {
        calls.add("CreateTargetGroup");
        String id = "tg-%017d".formatted(targetGroups.size() + 1);
        GetTargetGroupResponse group = GetTargetGroupResponse.builder().id(id)
                .arn("arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/" + id).name(request.name())
                .type(request.type()).config(request.config()).build();
        targetGroups.put(id, group);
        return CreateTargetGroupResponse.builder().id(id).arn(group.arn()).name(group.name()).type(group.type())
                .config(group.config()).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    private static String key(String service, String listener, String rule) {
        return service + "/" + listener + "/" + rule;
    }
}
