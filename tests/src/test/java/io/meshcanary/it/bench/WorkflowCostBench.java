package io.meshcanary.it.bench;

import io.meshcanary.it.PromotedRollouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * What one promoted three-step rollout costs in Step Functions state transitions and Lambda invocations, the two
 * things AWS bills a Standard workflow by. A measurement, not a test: run it on its own with
 * {@code scripts/test -pl tests -Dtest=WorkflowCostBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class WorkflowCostBench {

    @Test
    void countTransitionsAndInvocationsOfAPromotedRollout() {
        List<HistoryEvent> history = PromotedRollouts.historyOfOne();

        Map<String, Long> entered = history.stream()
                .filter(event -> event.typeAsString().endsWith("StateEntered"))
                .collect(Collectors.groupingBy(event -> event.stateEnteredEventDetails().name(), TreeMap::new,
                        Collectors.counting()));
        Map<String, Long> scheduled = history.stream()
                .filter(event -> event.type() == HistoryEventType.TASK_SCHEDULED
                        || event.type() == HistoryEventType.LAMBDA_FUNCTION_SCHEDULED)
                .collect(Collectors.groupingBy(HistoryEvent::typeAsString, TreeMap::new, Collectors.counting()));
        Duration took = Duration.between(history.getFirst().timestamp(), history.getLast().timestamp());

        long transitions = entered.values().stream().mapToLong(Long::longValue).sum();
        long invocations = scheduled.values().stream().mapToLong(Long::longValue).sum();
        // Printed, not logged: the numbers are the bench's whole output, for a person to read.
        System.out.printf("""
                promoted 3-step rollout, interval 1 s: %d state transitions %s
                %d Lambda invocations %s; %d history events; %.1f s from start to end%n""",
                transitions, entered, invocations, scheduled, history.size(), took.toMillis() / 1000.0);
    }
}
