package io.meshcanary.it.bench;

import io.meshcanary.it.PromotedRollouts;
import io.meshcanary.local.demo.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * What one promoted three-step rollout costs, per router: Step Functions state transitions and Lambda invocations,
 * the two things AWS bills a Standard workflow by, and the AWS calls the functions make. A measurement, not a test: run it on its own with
 * {@code scripts/test -pl tests -Dtest=WorkflowCostBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class WorkflowCostBench {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Router.class)
    void countTransitionsInvocationsAndAwsCallsOfAPromotedRollout(Router router) {
        PromotedRollouts.Measured measured = PromotedRollouts.measureOne(router);
        List<HistoryEvent> history = measured.history();

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
                %s: promoted 3-step rollout, interval 1 s: %d state transitions %s
                %d Lambda invocations %s; %d history events; %.1f s from start to end
                %d AWS calls by the functions %s%n""",
                router, transitions, entered, invocations, scheduled, history.size(), took.toMillis() / 1000.0,
                measured.awsCalls().values().stream().mapToLong(Long::longValue).sum(), measured.awsCalls());
    }
}
