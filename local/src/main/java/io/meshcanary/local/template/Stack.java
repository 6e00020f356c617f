package io.meshcanary.local.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The template deployed locally: parameter values and the physical name of every emulated resource. Names are
 * derived from logical ids rather than read back from moto, so they are known before anything is created.
 */
public final class Stack {
    private final StackEnvironment environment;
    private final Map<String, String> parameters;
    private final Map<String, String> resourceTypes;
    private final Map<String, PhysicalResource> resources;

    private Stack(StackEnvironment environment, Map<String, String> parameters, Map<String, String> resourceTypes,
            Map<String, PhysicalResource> resources) {
        this.environment = environment;
        this.parameters = parameters;
        this.resourceTypes = resourceTypes;
        this.resources = resources;
    }

    /**
     * @param givenParameters values for parameters, overriding their defaults; a parameter the template does not
     *     declare is an error, as CloudFormation makes it one
     */
    public static Stack create(Template template, Map<String, String> givenParameters, StackEnvironment environment) {
        Map<String, String> parameters = new LinkedHashMap<>(Intrinsics.pseudoParameters(environment));
        parameters.putAll(parameterValues(template, givenParameters));
        Map<String, String> resourceTypes = new LinkedHashMap<>();
        template.resources().values().forEach(resource -> resourceTypes.put(resource.logicalId(), resource.type()));

        Intrinsics parametersOnly = new Stack(environment, parameters, resourceTypes, Map.of()).intrinsics();
        Map<String, PhysicalResource> resources = new LinkedHashMap<>();
        for (TemplateResource resource : template.resources().values()) {
            EmulatedType.of(resource.type()).ifPresent(type ->
                    resources.put(resource.logicalId(), type.describe(resource, parametersOnly, environment)));
        }
        return new Stack(environment, Collections.unmodifiableMap(parameters), resourceTypes,
                Collections.unmodifiableMap(resources));
    }

    private static Map<String, String> parameterValues(Template template, Map<String, String> given) {
        given.keySet().stream().filter(name -> !template.parameters().containsKey(name)).findFirst().ifPresent(name -> {
            throw new TemplateException("a value was given for parameter %s, which the template does not declare"
                    .formatted(name));
        });
        Map<String, String> values = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (TemplateParameter parameter : template.parameters().values()) {
            Optional<String> value = Optional.ofNullable(given.get(parameter.name())).or(parameter::defaultValue);
            value.ifPresentOrElse(v -> {
                parameter.check(v);
                values.put(parameter.name(), v);
            }, () -> missing.add(parameter.name()));
        }
        if (!missing.isEmpty()) {
            throw new TemplateException(("parameters without a default need a value (local/runtime.properties or"
                    + " --param Name=Value): %s").formatted(String.join(", ", missing)));
        }
        return values;
    }

    public StackEnvironment environment() {
        return environment;
    }

    public Intrinsics intrinsics() {
        return new Intrinsics(this);
    }

    /** Parameter values, pseudo parameters excluded. */
    public Map<String, String> parameters() {
        Map<String, String> declared = new TreeMap<>(parameters);
        declared.keySet().removeIf(name -> name.startsWith("AWS::"));
        return declared;
    }

    public Map<String, PhysicalResource> resources() {
        return resources;
    }

    public PhysicalResource resource(String logicalId) {
        PhysicalResource resource = resources.get(logicalId);
        if (resource == null) {
            throw new TemplateException("no emulated resource " + logicalId);
        }
        return resource;
    }

    String ref(String name, String path) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return emulated(name, path).ref();
    }

    String getAtt(String logicalId, String attribute, String path) {
        String value = emulated(logicalId, path).attributes().get(attribute);
        if (value == null) {
            throw new TemplateException("%s: %s has no attribute %s locally (it has %s)"
                    .formatted(path, logicalId, attribute, new TreeMap<>(resources.get(logicalId).attributes())
                            .keySet()));
        }
        return value;
    }

    private PhysicalResource emulated(String logicalId, String path) {
        PhysicalResource resource = resources.get(logicalId);
        if (resource != null) {
            return resource;
        }
        String type = resourceTypes.get(logicalId);
        if (type == null) {
            throw new TemplateException("%s: %s is neither a parameter nor a resource".formatted(path, logicalId));
        }
        if (EmulatedType.of(type).isPresent()) {
            throw new TemplateException("%s: a resource name may only use parameters, not %s"
                    .formatted(path, logicalId));
        }
        throw new TemplateException("%s: %s (%s) is not emulated by the local runtime"
                .formatted(path, logicalId, type));
    }
}
