package io.meshcanary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshcanary.local.StackResources;
import io.meshcanary.local.replay.Replay;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * {@code local/bin/replay} on the runtime the tests run in: captured events go through the bus and the template's
 * rules to the real functions, and the replay shows what each function did, down to its AWS writes.
 */
class ReplayEmulatorTest {

    @TempDir
    Path dir;

    @Test
    void replayedTaskEventsShowTheRegistrationAndADuplicateThatWritesNothing() throws Exception {
        Shop shop = Shop.onboarded();
        Task task = shop.runTask(shop.app);
        Path capture = Files.writeString(dir.resolve("capture.json"), "[%s, %s]".formatted(
                shop.runningEvent(task), shop.runningEvent(task)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        boolean replayed = Replay.ofRuntime(new PrintStream(out, true)).run(List.of(capture));

        assertThat(replayed).isTrue();
        assertThat(shop.instances()).containsOnlyKeys(Shop.taskId(task));
        String[] events = out.toString().split("\\n\\[2/2] ");
        assertThat(events).hasSize(2);
        assertThat(events[0]).contains(capture + ", event 1 of 2: ECS Task State Change from aws.ecs",
                StackResources.ref("NodeRegistryFunction") + ": success in", "action REGISTERED",
                "AWS writes: ", "ServiceDiscovery RegisterInstance");
        assertThat(events[1]).contains(StackResources.ref("NodeRegistryFunction") + ": success in",
                "action ALREADY_REGISTERED",
                "AWS writes: none");
    }

    @Test
    void anAlarmOfNoRolloutIsReadAndLeftAlone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        boolean replayed = Replay.ofRuntime(new PrintStream(out, true)).run(List.of(
                SampleEvents.repositoryRoot().resolve("events/alarm-state-change-alarm.json")));

        assertThat(replayed).isTrue();
        assertThat(out.toString()).contains(StackResources.ref("AlarmGuardFunction") + ": success in",
                "alarm handled, action IGNORED_NO_ROLLOUT", "AWS writes: none", "AWS reads: DynamoDb Scan");
    }
}
