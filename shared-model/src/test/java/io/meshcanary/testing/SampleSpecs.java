package io.meshcanary.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/** The example spec of {@code orders} that ships in {@code examples/}, as is or with one thing changed. */
public final class SampleSpecs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleSpecs() {
    }

    public static String orders() {
        return SampleFiles.read(SampleFiles.ORDERS_SPEC);
    }

    /** The example spec with {@code change} applied to its root, e.g. to add gates or lower the threshold. */
    public static String ordersWith(Consumer<ObjectNode> change) {
        ObjectNode root = ordersTree();
        change.accept(root);
        return root.toString();
    }

    public static ObjectNode ordersTree() {
        try {
            return (ObjectNode) JSON.readTree(orders());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(SampleFiles.ORDERS_SPEC + " is not JSON", e);
        }
    }

    /** The object at {@code path} below the root, e.g. {@code analysis}; created if the spec has none. */
    public static ObjectNode at(ObjectNode root, String... path) {
        ObjectNode node = root;
        for (String name : path) {
            node = node.has(name) ? (ObjectNode) node.get(name) : node.putObject(name);
        }
        return node;
    }
}
