package io.meshcanary.cli;

import io.meshcanary.cli.Operator.App;
import io.meshcanary.rollout.Phase;
import io.meshcanary.spec.CanarySpec;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code meshcanary status [APP...]}: one line per onboarded app. */
@Command(name = "status", description = {"Where each onboarded app's rollout stands.",
        "One line per app: phase, step n/N, the primary's and canary's weights read back from the router (not from"
                + " the record), failed checks of the threshold, the canary's and primary's revisions, and the"
                + " rollout's age.",
        "For one app named, then the view watch APP redraws: the steps with the current one marked, each track's"
                + " revision and tasks, the last analysis's checks against their limits, the gate and what it waits"
                + " for, and what happens next and when."})
final class StatusCommand implements Callable<Integer> {

    private static final String ROW = "%-28s %-12s %-5s %-27s %-6s %-22s %-22s %s";

    @ParentCommand
    private MeshCanary root;

    @Mixin
    private OutputOption output;

    @Parameters(arity = "0..*", paramLabel = "APP",
            description = "<app> or <cluster>/<app> (default: every onboarded app)")
    private List<String> names = List.of();

    @Override
    public Integer call() {
        Operator operator = root.operator();
        List<App> apps = names.isEmpty() ? operator.onboarded() : names.stream().map(operator::app).toList();
        List<AppStatus> statuses = apps.stream().map(app -> AppStatus.of(operator, app)).toList();
        if (output.json()) {
            OutputOption.print(root.out, statuses);
            return 0;
        }
        if (statuses.isEmpty()) {
            root.out.printf("no app is onboarded under %s; `meshcanary onboard` adds one%n",
                    operator.stack.specParameterPrefix());
            return 0;
        }
        print(root, statuses);
        if (apps.size() == 1) {
            printView(operator, apps.getFirst());
        }
        return 0;
    }

    /** The view of the app's rollout under its row; an app offboarded or never rolled out has none. */
    private void printView(Operator operator, App app) {
        operator.record(app).filter(record -> record.phase() != Phase.OFFBOARDED).ifPresent(record -> {
            root.out.println();
            RolloutView.render(record, operator.reads(app, CanarySpec.parse(record.spec())), Instant.now())
                    .forEach(root.out::println);
        });
    }

    /** The status table, also shown after a verb that steered a rollout. */
    static void print(MeshCanary root, List<AppStatus> statuses) {
        Instant now = Instant.now();
        root.out.println(ROW.formatted("APP", "PHASE", "STEP", "WEIGHTS (ROUTER)", "FAILED", "CANARY", "PRIMARY",
                "AGE"));
        for (AppStatus status : statuses) {
            root.out.println(root.ansi().string(ROW.formatted(status.service(), Colours.phase(status.phase()),
                    status.stepText(), status.weightsText(), status.failedText(), status.canaryRevision(),
                    status.primaryRevision(), status.age(now))));
            if (status.routerError() != null) {
                root.out.println("    router: " + status.routerError());
            }
            if (AppStatus.NONE.equals(status.phase()) && status.reason() != null) {
                root.out.println("    " + status.reason());
            }
            JudgeLines.of(status.judge()).forEach(root.out::println);
        }
    }
}
