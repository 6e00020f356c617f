package io.meshcanary.local.ecssim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the simulator's own AWS calls by operation, so that what the simulation costs the emulator is measured. */
final class SimulatorCalls implements ExecutionInterceptor {

    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        byOperation.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                operation -> new LongAdder()).increment();
    }

    /** The calls counted since the last drain, by operation. */
    Map<String, Long> drain() {
        Map<String, Long> counted = new TreeMap<>();
        byOperation.forEach((operation, count) -> counted.put(operation, count.sumThenReset()));
        counted.values().removeIf(count -> count == 0);
        return counted;
    }
}
