package io.meshcanary.local.iam;

import java.util.Optional;

/**
 * Which function the current thread runs for. The function host sets it on an invocation's thread; threads a
 * handler starts inherit it, so every SDK call a handler makes is checked against that function's role.
 */
public final class CallingFunction {
    private static final InheritableThreadLocal<String> NAME = new InheritableThreadLocal<>();

    private CallingFunction() {
    }

    /** Set once, on the fresh thread an invocation runs on. */
    public static void set(String functionName) {
        NAME.set(functionName);
    }

    static Optional<String> current() {
        return Optional.ofNullable(NAME.get());
    }
}
