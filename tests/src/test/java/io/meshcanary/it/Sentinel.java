package io.meshcanary.it;

import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A barrier for "nothing happened" assertions: a fresh task's RUNNING event is put on the bus after the events
 * under test, and once it is registered the function has worked through what came before it.
 */
final class Sentinel {

    private Sentinel() {
    }

    static void awaitProcessed() {
        Shop shop = Holder.SHOP;
        Task task = shop.runTask(shop.app);
        Bus.put(shop.runningEvent(task));
        Eventually.until(shop::instances, instances -> instances.containsKey(Shop.taskId(task)),
                "the sentinel task to be registered");
    }

    /** One shop serves every barrier, built on first use: only the task has to be fresh, not its app. */
    private static final class Holder {
        static final Shop SHOP = Shop.onboarded();
    }
}
