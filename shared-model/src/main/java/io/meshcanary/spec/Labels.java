package io.meshcanary.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum values as the spec spells them: the constant's name in lower case. */
final class Labels {

    private Labels() {
    }

    /**
     * Reads a label the schema lists; one it does not, in a spec read without the schema, is named here too.
     *
     * @throws InvalidSpecException naming {@code field} and the labels it may hold
     */
    static <E extends Enum<E>> E read(Class<E> type, String field, String text) {
        for (E value : type.getEnumConstants()) {
            if (label(value).equals(text)) {
                return value;
            }
        }
        throw new InvalidSpecException(field, "must be one of %s, was %s".formatted(Arrays.stream(
                type.getEnumConstants()).map(Labels::label).collect(Collectors.joining(", ")), text));
    }

    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
