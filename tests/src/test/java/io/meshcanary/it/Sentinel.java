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
        Shop shop = Shop.onboarded();
        Task task = shop.runTask(shop.app);
        Bus.put(shop.runningEvent(task));
        Eventually.until(shop::instances, instances -> instances.containsKey(Shop.taskId(task)),
                "the sentinel task to be registered");
    }
}
