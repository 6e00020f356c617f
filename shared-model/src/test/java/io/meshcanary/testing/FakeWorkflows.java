package io.meshcanary.testing;

import io.meshcanary.port.Workflows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step Functions executions in memory, by name. As with a Standard workflow, starting a name again with the same
 * input is a no-op, and with another input an error. Stops, approvals and rejections are recorded.
 */
public final class FakeWorkflows implements Workflows {

    public static final String EXECUTION_ARN_PREFIX =
            "arn:aws:states:us-east-1:123456789012:execution:meshcanary-canary:";

    /** A stopped execution, or a rejected task token, with the error and cause it was given. */
    public record Failure(String target, String error, String cause) {
    }

    private final Map<String, String> started = new LinkedHashMap<>();
    private final List<Failure> stopped = new ArrayList<>();
    private final List<String> approved = new ArrayList<>();
    private final List<String> approvedToPromote = new ArrayList<>();
    private final List<Failure> rejected = new ArrayList<>();
    private final Map<String, String> ended = new LinkedHashMap<>();

    /** The execution ended with {@code status} (SUCCEEDED, FAILED, TIMED_OUT, ABORTED) without the test's help. */
    public FakeWorkflows ended(String name, String status) {
        started.putIfAbsent(name, "{}");
        ended.put(name, status);
        return this;
    }

    @Override
    public String start(String name, String input) {
        String existing = started.putIfAbsent(name, input);
        if (existing != null && !existing.equals(input)) {
            throw new IllegalStateException("ExecutionAlreadyExists: %s was started with the input %s"
                    .formatted(name, existing));
        }
        return EXECUTION_ARN_PREFIX + name;
    }

    @Override
    public void stop(String name, String error, String cause) {
        if (stopped.stream().noneMatch(stop -> stop.target().equals(name))) {
            stopped.add(new Failure(name, error, cause));
        }
    }

    @Override
    public Optional<String> status(String name) {
        if (ended.containsKey(name)) {
            return Optional.of(ended.get(name));
        }
        if (stopped.stream().anyMatch(stop -> stop.target().equals(name))) {
            return Optional.of("ABORTED");
        }
        return started.containsKey(name) ? Optional.of("RUNNING") : Optional.empty();
    }

    @Override
    public void approve(String taskToken, boolean promote) {
        approved.add(taskToken);
        if (promote) {
            approvedToPromote.add(taskToken);
        }
    }

    @Override
    public void reject(String taskToken, String error, String cause) {
        rejected.add(new Failure(taskToken, error, cause));
    }

    /** Execution name to input, in start order. */
    public Map<String, String> started() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(started));
    }

    public List<String> startedNames() {
        return List.copyOf(started.keySet());
    }

    public List<Failure> stopped() {
        return List.copyOf(stopped);
    }

    public List<String> approved() {
        return List.copyOf(approved);
    }

    /** The tokens among {@link #approved} sent with an operator's request to promote. */
    public List<String> approvedToPromote() {
        return List.copyOf(approvedToPromote);
    }

    public List<Failure> rejected() {
        return List.copyOf(rejected);
    }
}
