package io.meshcanary.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM started as Lambda starts a function's: the template's {@code JAVA_TOOL_OPTIONS} in the environment, where
 * Lambda puts it, and the heap and collector the JVM picks in a microVM of the template's {@code MemorySize}.
 *
 * @param toolOptions the template's Globals {@code JAVA_TOOL_OPTIONS}
 * @param memoryMb the template's Globals {@code MemorySize}
 */
record LambdaJvm(String toolOptions, int memoryMb) {

    private static final Pattern MEMORY_SIZE = Pattern.compile("(?m)^    MemorySize: (\\d+)$");
    private static final Pattern TOOL_OPTIONS = Pattern.compile("(?m)^        JAVA_TOOL_OPTIONS: (.+)$");

    static LambdaJvm fromTemplate(String template) {
        return new LambdaJvm(global(TOOL_OPTIONS, template, "JAVA_TOOL_OPTIONS"),
                Integer.parseInt(global(MEMORY_SIZE, template, "MemorySize")));
    }

    private static String global(Pattern pattern, String template, String name) {
        Matcher matcher = pattern.matcher(template);
        if (!matcher.find()) {
            throw new IllegalStateException("template.yaml has no Globals " + name);
        }
        return matcher.group(1).strip();
    }

    /**
     * The java command for one run, with the bench's own flags for that run (an AOT cache, memory tracking). The JVM
     * sizes its heap from the memory it sees (an initial heap of 1/64 of it) and, below about 1.8 GB, takes the serial
     * collector: here the machine's memory would give it another heap, and its cores and memory another collector.
     */
    List<String> command(List<String> runFlags, List<Path> classpath, List<String> mainAndArguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:MaxRAM=" + memoryMb + "m", "-XX:+UseSerialGC"));
        command.addAll(runFlags);
        command.add("-cp");
        command.add(String.join(":", classpath.stream().map(Path::toString).toList()));
        command.addAll(mainAndArguments);
        return command;
    }

    Map<String, String> environment() {
        return Map.of("JAVA_TOOL_OPTIONS", toolOptions);
    }

    /** How the tables name these flags. */
    String describe() {
        return "JAVA_TOOL_OPTIONS=\"%s\" -XX:MaxRAM=%dm -XX:+UseSerialGC".formatted(toolOptions, memoryMb);
    }
}
