package io.meshcanary.local.template;

import java.util.List;
import java.util.Optional;

/** A template parameter: its default, if any, and the constraints a given value must meet. */
public record TemplateParameter(
        String name, Optional<String> defaultValue, List<String> allowedValues, Optional<String> allowedPattern) {

    public TemplateParameter {
        allowedValues = List.copyOf(allowedValues);
    }

    void check(String value) {
        if (!allowedValues.isEmpty() && !allowedValues.contains(value)) {
            throw new TemplateException("parameter %s: '%s' is not one of %s".formatted(name, value, allowedValues));
        }
        allowedPattern.filter(pattern -> !value.matches(pattern)).ifPresent(pattern -> {
            throw new TemplateException("parameter %s: '%s' does not match %s".formatted(name, value, pattern));
        });
    }
}
