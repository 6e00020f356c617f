package io.meshcanary.testing;

import io.meshcanary.port.ServiceScaling;
import io.meshcanary.rollout.TwinAttachment;
import java.util.ArrayList;
import java.util.List;

/** Records what was asked of the services' scaling, in order. */
public final class FakeServiceScaling implements ServiceScaling {

    private final List<String> calls = new ArrayList<>();

    @Override
    public void copyToTwin(String cluster, String app, String twin, TwinAttachment attachment) {
        calls.add("copy %s/%s to %s".formatted(cluster, app, twin));
    }

    @Override
    public void hold(String cluster, String service) {
        calls.add("hold %s/%s".formatted(cluster, service));
    }

    @Override
    public void release(String cluster, String service, String twin) {
        calls.add("release %s/%s".formatted(cluster, service));
    }

    @Override
    public void remove(String cluster, String service) {
        calls.add("remove %s/%s".formatted(cluster, service));
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }
}
