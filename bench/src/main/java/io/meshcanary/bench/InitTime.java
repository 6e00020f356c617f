package io.meshcanary.bench;

import java.lang.management.ManagementFactory;

/**
 * Prints how long a handler takes to be ready in a fresh JVM: from JVM start (as the runtime reports it) until its
 * no-arg constructor has built the real adapters. Run once per JVM; bench/run repeats it and takes the median.
 */
public final class InitTime {

    private InitTime() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        long constructing = System.nanoTime();
        Class.forName(args[0]).getConstructor().newInstance();
        long constructed = System.nanoTime();
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("%s %d %d%n", args[0], sinceJvmStart, (constructed - constructing) / 1_000_000);
    }
}
