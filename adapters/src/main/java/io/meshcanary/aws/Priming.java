package io.meshcanary.aws;

import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: work registered here runs before Lambda takes the snapshot of an initialized function, so no
 * restored cold start pays for it. Without SnapStart (locally, or SnapStart off) it never runs and costs nothing.
 */
public final class Priming implements Resource {

    /** CRaC holds resources weakly; these references keep them until the checkpoint. */
    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final Runnable work;

    private Priming(Runnable work) {
        this.work = work;
    }

    public static synchronized void beforeSnapshot(Runnable work) {
        Priming priming = new Priming(work);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /** Everything registered so far, which the checkpoint would run in turn. */
    static synchronized List<Priming> registered() {
        return List.copyOf(REGISTERED);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        work.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to redo: the primed state is valid in every restored environment.
    }
}
