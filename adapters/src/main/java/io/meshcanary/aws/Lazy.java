package io.meshcanary.aws;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value built the first time it is asked for, then kept: the SDK clients and adapters of an execution environment,
 * so that a handler builds only what its use case calls, and each once.
 */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> build;
    private T built;

    Lazy(Supplier<T> build) {
        this.build = build;
    }

    @Override
    public synchronized T get() {
        if (built == null) {
            built = build.get();
        }
        return built;
    }

    /** Passes the value on if it has been built, and builds nothing. */
    synchronized void ifBuilt(Consumer<T> action) {
        if (built != null) {
            action.accept(built);
        }
    }
}
