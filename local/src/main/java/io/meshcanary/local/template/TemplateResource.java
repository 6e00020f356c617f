package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;

/** One entry of the template's Resources, with its properties unresolved. */
public record TemplateResource(String logicalId, String type, JsonNode properties) {

    /** The path of a property, as error messages name it. */
    public String path(String property) {
        return "Resources.%s.Properties.%s".formatted(logicalId, property);
    }
}
