package io.meshcanary.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Takes down every {@link CanaryApp} a test made once the test is over, and those a class made in its
 * {@code @BeforeAll} once the class is: tests run side by side against one runtime, and an app left behind keeps the
 * ECS simulator and the workflow busy for the rest of the run. Registered for every class of this module through
 * junit-platform.properties.
 */
public final class OwnedApps implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Inherited, so that the threads a class starts to set its apps up in parallel count them as its own. */
    private static final InheritableThreadLocal<List<CanaryApp>> OWNER = new InheritableThreadLocal<>();
    private static final ExtensionContext.Namespace APPS = ExtensionContext.Namespace.create(OwnedApps.class);

    /** Counts the app as the running test's (or class's); outside a test, as in a bench, nobody owns it. */
    static void track(CanaryApp app) {
        List<CanaryApp> owner = OWNER.get();
        if (owner != null) {
            owner.add(app);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        OWNER.set(scope(context));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        OWNER.set(scope(context));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        OWNER.remove();
        closeAll(scope(context));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        OWNER.remove();
        closeAll(scope(context));
    }

    /** Keyed by the test's or class's own id: a store also answers from its parents', which own other apps. */
    @SuppressWarnings("unchecked")
    private static List<CanaryApp> scope(ExtensionContext context) {
        return context.getStore(APPS).getOrComputeIfAbsent(context.getUniqueId(),
                key -> new CopyOnWriteArrayList<CanaryApp>(), List.class);
    }

    private static void closeAll(List<CanaryApp> apps) {
        apps.forEach(CanaryApp::close);
        apps.clear();
    }
}
