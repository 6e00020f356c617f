package io.meshcanary.local.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Reads a template in plain YAML or JSON, with intrinsic functions in their long form: the files SAM's translator
 * writes ({@link SamTranslation}), and the long-form fixtures of the tests.
 */
public final class TemplateReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String STANDARD_TAG = "tag:yaml.org,2002:";

    private TemplateReader() {
    }

    public static Template read(Path file) {
        return read(file, file);
    }

    /** @param location where the template came from: files it names are relative to that one's folder */
    public static Template read(Path file, Path location) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TemplateException("cannot read template %s: %s".formatted(file, e), e);
        }
        rejectTags(file, text);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new TemplateException("%s is not valid YAML: %s".formatted(file, e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new TemplateException("%s: expected a mapping at the top level".formatted(file));
        }
        return new Template(location, parameters(root.path("Parameters")),
                root.path("Globals").path("Function"), resources(root.path("Resources")), root.path("Conditions"));
    }

    /**
     * Jackson reads a short-form intrinsic such as {@code !Ref Queue} as the plain string "Queue", which would
     * silently resolve to a wrong value; a tag is therefore an error.
     */
    private static void rejectTags(Path file, String text) {
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                Object tag = parser.getTypeId();
                if (tag != null && !tag.toString().startsWith(STANDARD_TAG)) {
                    throw new TemplateException(("%s line %d: YAML tag !%s is not supported; write intrinsic functions"
                            + " in their long form (Ref:, Fn::GetAtt:, Fn::Sub:)")
                            .formatted(file, parser.currentLocation().getLineNr(), tag));
                }
            }
        } catch (IOException e) {
            throw new TemplateException("%s is not valid YAML: %s".formatted(file, e.getMessage()), e);
        }
    }

    private static Map<String, TemplateParameter> parameters(JsonNode section) {
        Map<String, TemplateParameter> parameters = new LinkedHashMap<>();
        section.properties().forEach(entry -> {
            String path = "Parameters." + entry.getKey();
            JsonNode node = Nodes.object(entry.getValue(), path);
            Optional<String> defaultValue = node.has("Default")
                    ? Optional.of(Nodes.text(node.get("Default"), path + ".Default"))
                    : Optional.empty();
            List<String> allowed = StreamSupport.stream(node.path("AllowedValues").spliterator(), false)
                    .map(value -> Nodes.text(value, path + ".AllowedValues"))
                    .toList();
            Optional<String> pattern = node.has("AllowedPattern")
                    ? Optional.of(Nodes.text(node.get("AllowedPattern"), path + ".AllowedPattern"))
                    : Optional.empty();
            parameters.put(entry.getKey(), new TemplateParameter(entry.getKey(), defaultValue, allowed, pattern));
        });
        return parameters;
    }

    private static Map<String, TemplateResource> resources(JsonNode section) {
        Nodes.object(section, "Resources");
        Map<String, TemplateResource> resources = new LinkedHashMap<>();
        section.properties().forEach(entry -> {
            String path = "Resources." + entry.getKey();
            JsonNode node = Nodes.object(entry.getValue(), path);
            if (node.has("Condition")) {
                throw new TemplateException(path + ".Condition: conditions are not supported by the local runtime");
            }
            JsonNode properties = node.has("Properties")
                    ? Nodes.object(node.get("Properties"), path + ".Properties")
                    : MissingNode.getInstance();
            String type = Nodes.text(node.get("Type"), path + ".Type");
            resources.put(entry.getKey(), new TemplateResource(entry.getKey(), type, properties));
        });
        return resources;
    }
}
