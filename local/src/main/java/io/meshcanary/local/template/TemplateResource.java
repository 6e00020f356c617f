package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;

/** One entry of the template's Resources, with its properties unresolved. */
public record TemplateResource(String logicalId, String type, JsonNode properties) {

    /** The path of a property, as error messages name it. */
    public String path(String property) {
        return propertiesPath() + "." + property;
    }

    /** The path of the resource's properties, as error messages name it. */
    public String propertiesPath() {
        return "Resources.%s.Properties".formatted(logicalId);
    }
}
