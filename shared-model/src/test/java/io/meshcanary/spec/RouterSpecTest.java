package io.meshcanary.spec;

import static io.meshcanary.spec.CanarySpecTest.edit;
import static io.meshcanary.testing.SampleSpecs.ALB_TARGET_GROUP;
import static io.meshcanary.testing.SampleSpecs.LATTICE_TARGET_GROUP;
import static io.meshcanary.testing.SampleSpecs.RULE_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.model.Track;
import io.meshcanary.model.TrackedService;
import io.meshcanary.testing.SampleFiles;
import io.meshcanary.testing.SampleSpecs;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The router variants: each type's own fields, and errors that name the field of the wrong router section. */
class RouterSpecTest {

    @Test
    void albRouterReplacesTheAppMeshSectionAndKeepsTheRestOfTheSpec() {
        CanarySpec mesh = CanarySpec.parse(edit(root -> { }));
        CanarySpec alb = CanarySpec.parse(edit(alb()));

        assertThat(alb.router()).isEqualTo(new AlbRouter(RULE_ARN, ALB_TARGET_GROUP));
        assertThat(alb.router().canaryTargetGroup()).contains(ALB_TARGET_GROUP);
        assertThat(alb).usingRecursiveComparison().ignoringFields("router", "analysis.metrics").isEqualTo(mesh);
    }

    @Test
    void shippedAlbExampleIsTheAppMeshExampleWithItsRouterAndMetricChecksChanged() {
        CanarySpec alb = CanarySpec.parse(SampleFiles.read("examples/orders-alb.canary.json"));

        assertThat(alb).isEqualTo(CanarySpec.parse(SampleSpecs.ordersBehindAlb()));
    }

    @Test
    void latticeRouterTakesIdsOrArnsForItsRule() {
        CanarySpec spec = CanarySpec.parse(edit(lattice()));

        assertThat(spec.router()).isEqualTo(new LatticeRouter("svc-0123456789abcdef0",
                "arn:aws:vpc-lattice:eu-west-1:123456789012:service/svc-0123456789abcdef0/listener/listener-1",
                "rule-0123456789abcdef0", LATTICE_TARGET_GROUP));
        assertThat(spec.router().type()).isEqualTo("vpc-lattice");
    }

    @Test
    void albSuppliesItsLoadBalancerAndTheCanarysTargetGroupInCloudWatchsDimensionFormat() {
        RouterSpec alb = new AlbRouter(RULE_ARN, ALB_TARGET_GROUP);

        assertThat(alb.placeholders(new TrackedService("orders", Track.CANARY))).containsOnly(
                entry("loadBalancer", "app/shop/50dc6c495c0c9188"),
                entry("targetGroup", "targetgroup/orders/73e2d6bc24d8a067"));
        assertThat(alb.placeholders(new TrackedService("orders", Track.PRIMARY)))
                .as("the primary's group is created at bootstrap: the spec cannot name it")
                .containsOnly(entry("loadBalancer", "app/shop/50dc6c495c0c9188"));
    }

    @Test
    void latticeSuppliesItsServiceAndTheCanarysTargetGroupById() {
        RouterSpec lattice = CanarySpec.parse(edit(lattice())).router();

        assertThat(lattice.placeholders(new TrackedService("orders", Track.CANARY))).containsOnly(
                entry("latticeService", "svc-0123456789abcdef0"), entry("targetGroup", "tg-0123456789abcdef0"));
    }

    @Test
    void theShippedAlbExampleReadsItsOwnTargetGroupsMetrics() {
        CanarySpec alb = CanarySpec.parse(SampleFiles.read(SampleSpecs.ALB_EXAMPLE));
        Map<String, String> canary = Placeholders.values(new TrackedService("orders", Track.CANARY), "shop",
                alb.router());

        assertThat(alb.analysis().metrics()).extracting(MetricCheck::name).containsExactly("error-rate", "latency-p99");
        assertThat(alb.analysis().metrics()).flatExtracting(check -> check.resolve(canary).queries())
                .flatExtracting(query -> query.metric().map(MetricStat::dimensions).stream().toList())
                .containsOnly(Map.of("LoadBalancer", "app/shop/50dc6c495c0c9188",
                        "TargetGroup", "targetgroup/orders/73e2d6bc24d8a067"));
    }

    @Test
    void aPlaceholderOfAnotherRouterIsRefusedNamingTheCheck() {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> CanarySpec.parse(SampleSpecs.ordersWith(root -> root.putObject("router").put("type", "alb")
                        .put("ruleArn", RULE_ARN).put("targetGroupArn", ALB_TARGET_GROUP))));

        assertThat(error.getMessage()).isEqualTo("analysis.metrics[0]: uses {{mesh}}, which the alb router does"
                + " not supply; its placeholders are {{app}}, {{service}}, {{track}}, {{virtualNode}}, {{cluster}},"
                + " {{loadBalancer}}, {{targetGroup}}");
    }

    @Test
    void appMeshRouterWeighsNoTargetGroup() {
        assertThat(CanarySpec.parse(edit(root -> { })).router().canaryTargetGroup()).isEmpty();
    }

    static Stream<Arguments> badRouters() {
        return Stream.of(
                Arguments.of("alb without a rule", alb().andThen(root -> router(root).remove("ruleArn")),
                        "router.ruleArn", "is required"),
                Arguments.of("alb with a mesh field", alb().andThen(root -> router(root).put("mesh", "shop")),
                        "router.mesh", "does not belong to this type of router"),
                Arguments.of("alb with a Lattice target group",
                        alb().andThen(root -> router(root).put("targetGroupArn", LATTICE_TARGET_GROUP)),
                        "router.targetGroupArn", "must be a load balancer target group ARN"),
                Arguments.of("alb with a target group name", alb().andThen(root -> router(root).put("ruleArn",
                        "orders-rule")), "router.ruleArn", "must be a listener rule ARN"),
                Arguments.of("lattice without a listener", lattice().andThen(root -> router(root).remove("listener")),
                        "router.listener", "is required"),
                Arguments.of("lattice with an ALB target group",
                        lattice().andThen(root -> router(root).put("targetGroupArn", ALB_TARGET_GROUP)),
                        "router.targetGroupArn", "must be a VPC Lattice target group ARN"),
                Arguments.of("lattice with an ALB rule", lattice().andThen(root -> router(root).put("ruleArn",
                        RULE_ARN)), "router.ruleArn", "does not belong to this type of router"),
                Arguments.of("appmesh with a target group", (Consumer<ObjectNode>) root -> router(root)
                        .put("targetGroupArn", ALB_TARGET_GROUP), "router.targetGroupArn",
                        "does not belong to this type of router"),
                Arguments.of("appmesh without a route", (Consumer<ObjectNode>) root -> router(root).remove("route"),
                        "router.route", "is required"),
                Arguments.of("unknown type", (Consumer<ObjectNode>) root -> router(root).put("type", "istio"),
                        "router.type", "must be one of \"appmesh\", \"alb\", \"vpc-lattice\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRouters")
    void wrongRouterSectionIsRejectedNamingItsField(String story, Consumer<ObjectNode> change, String field,
            String problem) {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class,
                () -> CanarySpec.parse(edit(change)));

        assertThat(error.field()).isEqualTo(field);
        assertThat(error.problem()).startsWith(problem);
    }

    private static Consumer<ObjectNode> alb() {
        return SampleSpecs::behindAlb;
    }

    /** A Lattice rule, and no metric checks: the example's read App Mesh's metrics. */
    private static Consumer<ObjectNode> lattice() {
        return root -> {
            root.putObject("router").put("type", "vpc-lattice").put("service", "svc-0123456789abcdef0")
                    .put("listener",
                            "arn:aws:vpc-lattice:eu-west-1:123456789012:service/svc-0123456789abcdef0/listener/listener-1")
                    .put("rule", "rule-0123456789abcdef0").put("targetGroupArn", LATTICE_TARGET_GROUP);
            root.withObjectProperty("analysis").remove("metrics");
        };
    }

    private static ObjectNode router(ObjectNode root) {
        return root.withObjectProperty("router");
    }
}
