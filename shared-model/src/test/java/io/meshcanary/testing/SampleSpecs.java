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

    public static final String RULE_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/"
            + "shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
    public static final String ALB_TARGET_GROUP = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/"
            + "orders/73e2d6bc24d8a067";
    public static final String LATTICE_TARGET_GROUP = "arn:aws:vpc-lattice:eu-west-1:123456789012:targetgroup/"
            + "tg-0123456789abcdef0";

    public static final String ALB_EXAMPLE = "examples/orders-alb.canary.json";

    public static String orders() {
        return SampleFiles.read(SampleFiles.ORDERS_SPEC);
    }

    /** The example spec with {@code change} applied to its root, e.g. to add gates or lower the threshold. */
    public static String ordersWith(Consumer<ObjectNode> change) {
        ObjectNode root = ordersTree();
        change.accept(root);
        return root.toString();
    }

    /** The example spec with its App Mesh section swapped for an ALB rule, and its metric checks for the ALB ones. */
    public static String ordersBehindAlb() {
        return ordersWith(SampleSpecs::behindAlb);
    }

    /**
     * Replaces the spec's router section with an ALB rule's, and its metric checks with the ALB example's, which read
     * the load balancer's metrics per target group: App Mesh's {@code {{mesh}}} has no value behind a load balancer.
     */
    public static void behindAlb(ObjectNode root) {
        root.putObject("router").put("type", "alb").put("ruleArn", RULE_ARN).put("targetGroupArn", ALB_TARGET_GROUP);
        root.withObjectProperty("analysis").set("metrics", tree(ALB_EXAMPLE).path("analysis")
                .path("metrics").deepCopy());
    }

    public static ObjectNode ordersTree() {
        return tree(SampleFiles.ORDERS_SPEC);
    }

    private static ObjectNode tree(String example) {
        try {
            return (ObjectNode) JSON.readTree(SampleFiles.read(example));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(example + " is not JSON", e);
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
