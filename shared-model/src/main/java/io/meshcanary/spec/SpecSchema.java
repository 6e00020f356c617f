package io.meshcanary.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The JSON Schema of a canary spec ({@code schema/canary-spec.schema.json} at the top of the repository), compiled
 * once per execution environment, whose first error becomes an {@link InvalidSpecException} in plain words.
 */
final class SpecSchema {

    static final String RESOURCE = "schema/canary-spec.schema.json";
    private static final String ID = "https://meshcanary.io/schema/canary-spec.schema.json";
    /** The schema also words errors, e.g. from a keyword's sibling {@code errorMessage} (the ajv-errors convention). */
    private static final String ERROR_MESSAGE = "errorMessage";
    private static final int SHOWN_VALUE_LENGTH = 60;

    private static final JsonNode DOCUMENT = load();
    private static final JsonSchema SCHEMA = compile();

    private SpecSchema() {
    }

    /** @throws InvalidSpecException naming the first field, in the schema's order, that breaks the schema */
    static void validate(JsonNode spec) {
        // The validator reports errors in the order it evaluates keywords, which the schema's layout controls.
        Set<ValidationMessage> errors = SCHEMA.validate(spec);
        if (!errors.isEmpty()) {
            throw describe(errors.iterator().next());
        }
    }

    /** The schema document itself, for tests and docs that check themselves against it. */
    static JsonNode document() {
        return DOCUMENT;
    }

    private static JsonNode load() {
        try (InputStream in = SpecSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is not on the classpath; shared-model packages it from ../schema");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static JsonSchema compile() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().errorMessageKeyword(ERROR_MESSAGE).build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(ID), DOCUMENT, config);
        // Resolves every $ref now, at init, rather than during the first rollout step.
        schema.initializeValidators();
        return schema;
    }

    private static InvalidSpecException describe(ValidationMessage error) {
        String at = dotted(error.getInstanceLocation());
        List<Object> keywordPath = elements(error.getSchemaLocation().getFragment());
        // anyOf and oneOf report each alternative's own error; the schema words the whole choice once instead.
        for (int i = keywordPath.size() - 1; i >= 0; i--) {
            Object element = keywordPath.get(i);
            if ("anyOf".equals(element) || "oneOf".equals(element)) {
                JsonNode wording = schemaAt(keywordPath.subList(0, i)).path(ERROR_MESSAGE).path((String) element);
                if (wording.isTextual()) {
                    return new InvalidSpecException(at, wording.asText());
                }
            }
        }
        String keyword = error.getType();
        JsonNode owner = schemaAt(keywordPath.subList(0, Math.max(0, keywordPath.size() - 1)));
        JsonNode wording = owner.path(ERROR_MESSAGE).path(keyword);
        if (wording.isTextual()) {
            return new InvalidSpecException(at, wording.asText());
        }
        JsonNode value = error.getInstanceNode();
        Object[] arguments = error.getArguments();
        return switch (keyword) {
            case "required" -> new InvalidSpecException(Paths.child(at, error.getProperty()), "is required");
            case "dependentRequired" -> new InvalidSpecException(Paths.child(at, String.valueOf(arguments[0])),
                    "is required together with " + arguments[1]);
            case "additionalProperties" -> new InvalidSpecException(Paths.child(at, error.getProperty()),
                    "is not a known field here; the fields are " + names(owner.path("properties")));
            case "type" -> new InvalidSpecException(at,
                    "must be " + kind(String.valueOf(arguments[1])) + ", was " + shown(value));
            case "enum", "const" -> new InvalidSpecException(at,
                    "must be one of " + choices(owner.path(keyword)) + ", was " + shown(value));
            case "minimum", "maximum" -> new InvalidSpecException(at, range(owner, value));
            case "minLength" -> new InvalidSpecException(at, "must not be empty");
            case "maxLength" -> new InvalidSpecException(at, "must be at most %d characters long, was %d"
                    .formatted(owner.path("maxLength").asInt(), value.asText().length()));
            case "minItems" -> new InvalidSpecException(at, "must list at least " + owner.path("minItems").asInt());
            case "maxItems" -> new InvalidSpecException(at, "must list at most %d, lists %d"
                    .formatted(owner.path("maxItems").asInt(), value.size()));
            case "uniqueItems" -> new InvalidSpecException(at, "lists " + firstRepeated(value) + " more than once");
            case "maxProperties" -> new InvalidSpecException(at, "must have at most %d entries, has %d"
                    .formatted(owner.path("maxProperties").asInt(), value.size()));
            case "multipleOf" -> new InvalidSpecException(at,
                    "must be a multiple of " + owner.path("multipleOf").asText() + ", was " + shown(value));
            case "false", "not" -> new InvalidSpecException(at, "is not allowed here");
            default -> new InvalidSpecException(at, withoutLocation(error));
        };
    }

    /** {@code /steps/weights/1} becomes {@code steps.weights[1]}; the document itself is {@code $}. */
    private static String dotted(JsonNodePath path) {
        String dotted = "";
        for (Object element : elements(path)) {
            dotted = element instanceof Integer index ? Paths.index(dotted, index)
                    : dotted.isEmpty() ? element.toString() : dotted + "." + element;
        }
        return dotted.isEmpty() ? Paths.DOCUMENT : dotted;
    }

    private static List<Object> elements(JsonNodePath path) {
        List<Object> elements = new ArrayList<>(path.getNameCount());
        for (int i = 0; i < path.getNameCount(); i++) {
            elements.add(path.getElement(i));
        }
        return elements;
    }

    private static JsonNode schemaAt(List<Object> keywordPath) {
        JsonNode node = DOCUMENT;
        for (Object element : keywordPath) {
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return node;
    }

    private static String range(JsonNode owner, JsonNode value) {
        boolean hasMin = owner.has("minimum");
        boolean hasMax = owner.has("maximum");
        String bounds = hasMin && hasMax
                ? "between %s and %s".formatted(owner.get("minimum").asText(), owner.get("maximum").asText())
                : hasMin ? "at least " + owner.get("minimum").asText() : "at most " + owner.get("maximum").asText();
        return "must be " + bounds + ", was " + shown(value);
    }

    private static String kind(String type) {
        return switch (type) {
            case "object" -> "an object";
            case "array" -> "a list";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            default -> type;
        };
    }

    private static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        String text = value.toString();
        return text.length() > SHOWN_VALUE_LENGTH ? text.substring(0, SHOWN_VALUE_LENGTH) + "…" : text;
    }

    private static String choices(JsonNode allowed) {
        if (!allowed.isArray()) {
            return allowed.toString();
        }
        StringJoiner joined = new StringJoiner(", ");
        allowed.forEach(choice -> joined.add(choice.toString()));
        return joined.toString();
    }

    private static String names(JsonNode properties) {
        StringJoiner joined = new StringJoiner(", ");
        properties.fieldNames().forEachRemaining(joined::add);
        return joined.toString();
    }

    private static String firstRepeated(JsonNode list) {
        Set<JsonNode> seen = new HashSet<>();
        for (Iterator<JsonNode> items = list.elements(); items.hasNext(); ) {
            JsonNode item = items.next();
            if (!seen.add(item)) {
                return shown(item);
            }
        }
        return "an item";
    }

    /** The library's own words, which start with the location that the exception already names. */
    private static String withoutLocation(ValidationMessage error) {
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith(error.getInstanceLocation().toString())
                ? message.substring(colon + 2) : message;
    }
}
