package io.meshcanary.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshcanary.testing.SampleFiles;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanarySpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exampleOrdersSpecParsesIntoItsRouter() {
        CanarySpec spec = CanarySpec.parse(SampleFiles.read(SampleFiles.ORDERS_SPEC));

        assertThat(spec).isEqualTo(new CanarySpec(new AppMeshRouter("shop", "orders", "orders",
                new CloudMapService("shop.local", "orders"),
                new VirtualNodeTemplate(8080, "http", Optional.of(new HealthCheck("/health", 5_000, 2_000, 2, 3)),
                        List.of("payments.shop.local")))));
    }

    @Test
    void minimalVirtualNodeTakesDefaults() {
        CanarySpec spec = CanarySpec.parse(edit(root -> router(root).set("virtualNode",
                JSON.createObjectNode().put("port", 8080))));

        assertThat(spec.router().virtualNode())
                .isEqualTo(new VirtualNodeTemplate(8080, "http", Optional.empty(), List.of()));
    }

    @Test
    void emptyHealthCheckTakesAppMeshFriendlyDefaults() {
        CanarySpec spec = CanarySpec.parse(edit(root -> node(root).set("healthCheck", JSON.createObjectNode())));

        assertThat(spec.router().virtualNode().healthCheck()).contains(new HealthCheck("/", 5_000, 2_000, 2, 3));
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                bad("a bad document", "{\"router\": ", "$"),
                bad("an array for a document", "[]", "$"),
                bad("no router", edit(root -> root.remove("router")), "router"),
                bad("a router that is a string", edit(root -> root.put("router", "appmesh")), "router"),
                bad("no router type", edit(root -> router(root).remove("type")), "router.type"),
                bad("an unsupported router type", edit(root -> router(root).put("type", "lattice")), "router.type"),
                bad("a numeric router type", edit(root -> router(root).put("type", 1)), "router.type"),
                bad("no mesh", edit(root -> router(root).remove("mesh")), "router.mesh"),
                bad("a blank mesh", edit(root -> router(root).put("mesh", " ")), "router.mesh"),
                bad("no Cloud Map namespace",
                        edit(root -> router(root).withObjectProperty("cloudMap").remove("namespace")),
                        "router.cloudMap.namespace"),
                bad("no virtual node", edit(root -> router(root).remove("virtualNode")), "router.virtualNode"),
                bad("port 0", edit(root -> node(root).put("port", 0)), "router.virtualNode.port"),
                bad("port 65536", edit(root -> node(root).put("port", 65_536)), "router.virtualNode.port"),
                bad("a port given as a string", edit(root -> node(root).put("port", "8080")),
                        "router.virtualNode.port"),
                bad("a fractional port", edit(root -> node(root).put("port", 8080.5)), "router.virtualNode.port"),
                bad("protocol udp", edit(root -> node(root).put("protocol", "udp")), "router.virtualNode.protocol"),
                bad("backends that are not a list", edit(root -> node(root).put("backends", "payments.shop.local")),
                        "router.virtualNode.backends"),
                bad("a backend that is not a string",
                        edit(root -> node(root).putArray("backends").add("payments.shop.local").add(42)),
                        "router.virtualNode.backends[1]"),
                bad("a health check interval under 5 s",
                        edit(root -> node(root).withObjectProperty("healthCheck").put("intervalMillis", 1_000)),
                        "router.virtualNode.healthCheck.intervalMillis"));
    }

    @ParameterizedTest(name = "{0} is rejected naming {1}")
    @MethodSource("badSpecs")
    void badSpecIsRejectedNamingTheExactPath(String document, String field) {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> CanarySpec.parse(document));

        assertThat(error).as("rejection of %s", document).isNotNull();
        assertThat(error.field()).isEqualTo(field);
        assertThat(error).hasMessageStartingWith(field + ": ");
    }

    private static Arguments bad(String problem, String document, String field) {
        return Arguments.of(named(problem, document), field);
    }

    /** The example spec with one thing changed, so that each bad spec is wrong in exactly one field. */
    private static String edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(SampleFiles.read(SampleFiles.ORDERS_SPEC));
            change.accept(root);
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the example spec is not JSON", e);
        }
    }

    private static ObjectNode router(ObjectNode root) {
        return root.withObjectProperty("router");
    }

    private static ObjectNode node(ObjectNode root) {
        return router(root).withObjectProperty("virtualNode");
    }
}
