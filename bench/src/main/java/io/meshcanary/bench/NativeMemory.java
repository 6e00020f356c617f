package io.meshcanary.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's memory went, from the summary -XX:+PrintNMTStatistics prints at exit: the memory committed, in
 * bytes, to the heap, to class metadata (NMT's Class and Metaspace: the classes' metadata, class space and the
 * class loaders' own allocations), to compiled code, to the mapped CDS archive, and to everything else the JVM tracks
 * (symbols, the compiler's arenas, threads' stacks, GC structures, NMT itself).
 */
record NativeMemory(long heap, long classMetadata, long code, long sharedArchive, long total) {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total: reserved=\\d+, committed=(\\d+)");

    static NativeMemory parse(String summary) {
        Matcher total = TOTAL.matcher(summary);
        if (!total.find()) {
            throw new IllegalArgumentException("no Native Memory Tracking summary in the JVM's output");
        }
        return new NativeMemory(committed(summary, "Java Heap"),
                committed(summary, "Class") + committed(summary, "Metaspace"),
                committed(summary, "Code"), committed(summary, "Shared class space"),
                Long.parseLong(total.group(1)));
    }

    private static long committed(String summary, String category) {
        Matcher matcher = Pattern.compile("(?m)^- +" + Pattern.quote(category) + " \\(reserved=\\d+, committed=(\\d+)")
                .matcher(summary);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the Native Memory Tracking summary has no " + category);
        }
        return Long.parseLong(matcher.group(1));
    }

    long other() {
        return total - heap - classMetadata - code - sharedArchive;
    }
}
