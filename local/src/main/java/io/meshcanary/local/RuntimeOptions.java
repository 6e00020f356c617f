package io.meshcanary.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How to start the runtime.
 *
 * @param parameters template parameter values, overriding the template's defaults
 * @param stateDir where the runtime writes its logs and resources.json; created if missing
 * @param keepState whether the state folder outlives the runtime (it does when the caller chose it)
 * @param command the command to run against the runtime, or empty to run until stopped
 * @param enforceIam whether each function's calls are checked against its template policy (README, "IAM")
 */
public record RuntimeOptions(
        Path template, Map<String, String> parameters, Path motoPython, Path stateDir, boolean keepState,
        List<String> command, boolean enforceIam) {

    /** {@code MESHCANARY_IAM=off} turns the IAM check off, to tell an IAM failure from another. */
    public static final String IAM_SWITCH = "MESHCANARY_IAM";

    static final String USAGE = """
            usage: LocalRuntime --template FILE --moto-python FILE --state-dir DIR [--keep-state]
                                [--properties FILE] [--param Name=Value]... [--] [CMD [ARGS...]]""";

    public RuntimeOptions {
        parameters = Map.copyOf(parameters);
        command = List.copyOf(command);
    }

    /** Parameter values come from --properties, then from --param flags, which win. */
    static RuntimeOptions parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> flagParameters = new LinkedHashMap<>();
        boolean keepState = false;
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            String option = args[i++];
            if (option.equals("--")) {
                break;
            }
            if (option.equals("--keep-state")) {
                keepState = true;
                continue;
            }
            if (i == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[i++];
            switch (option) {
                case "--template", "--moto-python", "--state-dir" -> options.put(option, value);
                case "--properties" -> parameters.putAll(readProperties(Path.of(value)));
                case "--param" -> {
                    String[] pair = value.split("=", 2);
                    if (pair.length != 2 || pair[0].isBlank()) {
                        throw new IllegalArgumentException("--param needs Name=Value, not " + value);
                    }
                    flagParameters.put(pair[0], pair[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        parameters.putAll(flagParameters);
        List<String> command = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
        return new RuntimeOptions(required(options, "--template"), parameters, required(options, "--moto-python"),
                required(options, "--state-dir"), keepState, command, enforceIam(System.getenv(IAM_SWITCH)));
    }

    /** On unless the switch says off; any other value than on or off is a mistake worth stopping for. */
    static boolean enforceIam(String switchValue) {
        if (switchValue == null || switchValue.isEmpty() || switchValue.equals("on")) {
            return true;
        }
        if (switchValue.equals("off")) {
            return false;
        }
        throw new IllegalArgumentException("%s must be on or off, not '%s'".formatted(IAM_SWITCH, switchValue));
    }

    private static Path required(Map<String, String> options, String option) {
        return Optional.ofNullable(options.get(option)).map(Path::of)
                .orElseThrow(() -> new IllegalArgumentException(option + " is required"));
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read parameters from " + file, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
