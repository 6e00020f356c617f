package io.meshcanary.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The canary spec of one onboarded service, as stored next to it (an SSM parameter) or passed inline. */
public record CanarySpec(AppMeshRouter router) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a spec document, naming the first field that is missing or wrong. */
    public static CanarySpec parse(String json) {
        JsonFields root;
        try {
            root = JsonFields.root(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("$", "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonFields router = root.object("router");
        String type = router.text("type");
        if (!type.equals("appmesh")) {
            throw new InvalidSpecException(router.pathOf("type"), "unsupported router type " + type);
        }
        return new CanarySpec(AppMeshRouter.read(router));
    }
}
