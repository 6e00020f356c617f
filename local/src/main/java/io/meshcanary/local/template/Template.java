package io.meshcanary.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SAM template as the local runtime reads it: parameters, the function globals, the resources and the conditions
 * (which only the functions' policies use locally).
 */
public record Template(
        Path location,
        Map<String, TemplateParameter> parameters,
        JsonNode functionGlobals,
        Map<String, TemplateResource> resources,
        JsonNode conditions) {

    public Template {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }

    public List<TemplateResource> resourcesOfType(String type) {
        return resources.values().stream().filter(resource -> resource.type().equals(type)).toList();
    }

    /** Files a resource names (a state machine's DefinitionUri) are relative to the template's folder. */
    public Path resolveFile(String relative) {
        return location.toAbsolutePath().getParent().resolve(relative);
    }
}
