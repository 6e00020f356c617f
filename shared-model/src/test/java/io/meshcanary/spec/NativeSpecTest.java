package io.meshcanary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.testing.SampleFiles;
import io.meshcanary.testing.SampleSpecs;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeSpecTest {

    private static final String NATIVE_EXAMPLE = "examples/orders-native.canary.json";

    @Test
    void nativeExampleNamesNoRouterAndLeavesTheTrafficToEcs() {
        CanarySpec spec = CanarySpec.parse(SampleFiles.read(NATIVE_EXAMPLE));

        assertThat(spec.mode()).isEqualTo(Mode.NATIVE);
        assertThat(spec.router()).isEqualTo(new EcsDeployment());
        assertThat(spec.steps()).containsExactly(10, 30, 100);
        assertThat(spec.gates().prePromotion()).isPresent();
    }

    @Test
    void aSpecWithoutAModeIsTwinAsEverySpecBeforeItWas() {
        CanarySpec spec = CanarySpec.parse(SampleFiles.read(SampleFiles.ORDERS_SPEC));

        assertThat(spec.mode()).isEqualTo(Mode.TWIN);
        assertThat(spec.router()).isInstanceOf(AppMeshRouter.class);
        assertThat(CanarySpec.parse(SampleFiles.edited(SampleFiles.ORDERS_SPEC, root -> root.put("mode", "twin"))))
                .isEqualTo(spec);
    }

    /** A team's twin spec switched to native with its twin-only fields left in. */
    @ParameterizedTest(name = "{0} in a native spec is refused by name")
    @CsvSource({"router", "canary", "timeouts.capacitySeconds", "timeouts.promotionSeconds",
            "timeouts.capacityPollSeconds"})
    void twinOnlyFieldInANativeSpecIsRefusedByName(String field) {
        String document = SampleFiles.edited(SampleSpecs.ALB_EXAMPLE, root -> {
            root.put("mode", "native");
            root.withObjectProperty("timeouts").put("capacityPollSeconds", 5);
            root.retain("$schema", "mode", "steps", "analysis", "timeouts", field.split("\\.")[0]);
            if (field.startsWith("timeouts.")) {
                root.withObjectProperty("timeouts").retain(field.substring("timeouts.".length()), "gateSeconds");
            }
        });

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> CanarySpec.parse(document));

        assertThat(error).isNotNull();
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.problem()).startsWith("belongs to the twin mode only");
    }

    @Test
    void aTwinSpecStillNeedsItsRouter() {
        String document = SampleFiles.edited(SampleFiles.ORDERS_SPEC, root -> root.remove("router"));

        assertThat(catchThrowableOfType(InvalidSpecException.class, () -> CanarySpec.parse(document)))
                .hasMessage("router: is required");
    }

    @Test
    void anUnknownModeIsNamedWithTheTwoThereAre() {
        String document = nativeSpec(root -> root.put("mode", "ecs"));

        assertThat(catchThrowableOfType(InvalidSpecException.class, () -> CanarySpec.parse(document)))
                .hasMessage("mode: must be one of \"twin\", \"native\", was \"ecs\"");
    }

    @Test
    void nativeSpecKeepsItsGateTimeoutAndTheTwinTimeoutsAtTheirDefaults() {
        CanarySpec spec = CanarySpec.parse(SampleFiles.read(NATIVE_EXAMPLE));

        assertThat(spec.timeouts().gateSeconds()).isEqualTo(3_600);
        assertThat(spec.canary()).isEqualTo(CanaryCapacity.DEFAULT);
        assertThat(List.of(spec.timeouts().capacitySeconds(), spec.timeouts().promotionSeconds()))
                .containsExactly(Timeouts.DEFAULTS.capacitySeconds(), Timeouts.DEFAULTS.promotionSeconds());
    }

    @Test
    void aNativeSpecMayJudgeEachRevisionByItsTargetGroupButNotByAnotherRoutersPlaceholder() {
        CanarySpec byTargetGroup = CanarySpec.parse(SampleFiles.edited(SampleSpecs.ALB_EXAMPLE, root -> {
            root.put("mode", "native");
            root.retain("$schema", "mode", "steps", "analysis");
            root.putObject("steps").putArray("weights").add(10).add(100);
        }));
        String byMesh = SampleFiles.edited(SampleFiles.ORDERS_SPEC, root -> {
            root.put("mode", "native");
            root.retain("$schema", "mode", "steps", "analysis");
        });

        assertThat(byTargetGroup.analysis().metrics()).hasSize(2);
        assertThat(catchThrowableOfType(InvalidSpecException.class, () -> CanarySpec.parse(byMesh)))
                .hasMessageStartingWith("analysis.metrics[0]: uses {{mesh}}, which the ecs router does not supply;")
                .hasMessageContaining("{{loadBalancer}}, {{targetGroup}}");
    }

    @Test
    void aServiceWithoutTargetGroupsRefusesAChecksRevisionPlaceholdersByName() {
        CanarySpec spec = CanarySpec.parse(SampleFiles.edited(SampleSpecs.ALB_EXAMPLE, root -> {
            root.put("mode", "native");
            root.retain("$schema", "mode", "steps", "analysis");
        }));

        assertThat(catchThrowableOfType(InvalidSpecException.class,
                () -> spec.requireNoRevisionPlaceholders("which Service Connect cannot supply")))
                .hasMessage("analysis.metrics[0]: uses {{loadBalancer}}, which Service Connect cannot supply");
        CanarySpec.parse(SampleFiles.read(NATIVE_EXAMPLE)).requireNoRevisionPlaceholders("never said");
    }

    private static String nativeSpec(Consumer<ObjectNode> change) {
        return SampleFiles.edited(NATIVE_EXAMPLE, change);
    }
}
