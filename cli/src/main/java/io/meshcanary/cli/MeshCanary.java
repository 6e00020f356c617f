package io.meshcanary.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code bin/meshcanary}: the operator's view of rollouts and the verbs that steer them. Every verb goes through the
 * stack's own API (the rollout table, the router, the workflow's manual executions, the resync function), so the CLI
 * adds no second way to change a rollout. Exit codes: 0 success, 1 the rollout failed or the command was refused, 2
 * bad usage or bad input.
 */
@Command(name = "meshcanary", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        version = "meshcanary 0.1.0",
        description = "Operate meshcanary rollouts: read them, follow them, steer them, onboard apps.",
        footer = {"", "The stack is found from MESHCANARY_RUNTIME_DIR (the local runtime) when it is set, otherwise"
                + " from the CloudFormation stack --stack in --region.",
                "Exit codes: 0 success, 1 the rollout failed or the command was refused, 2 bad usage or input.",
                "Shell completion: source <(meshcanary generate-completion)"},
        subcommands = {StatusCommand.class, WatchCommand.class, HistoryCommand.class, SteerCommand.Promote.class,
                SteerCommand.Abort.class, SteerCommand.Approve.class, SteerCommand.Offboard.class, RetryCommand.class,
                LintCommand.class, JudgeCommand.class, OnboardCommand.class, ResyncCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class MeshCanary implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--stack", defaultValue = "meshcanary", scope = ScopeType.INHERIT,
            description = "CloudFormation stack name (default: ${DEFAULT-VALUE})")
    private String stackName;

    @Option(names = "--region", scope = ScopeType.INHERIT,
            description = "AWS region of the stack (default: AWS_REGION or the profile's)")
    private Optional<String> region = Optional.empty();

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;
    final boolean terminal;
    private Operator operator;

    MeshCanary(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        // Colour and redraws only on a terminal: bin/meshcanary tells, since System.console() is not null for a pipe
        // on some JDKs.
        System.exit(run(args, System.out, System.err, System.getenv(), Boolean.getBoolean("meshcanary.terminal")));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        MeshCanary root = new MeshCanary(out, err, env, terminal);
        CommandLine commandLine = new CommandLine(root)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setColorScheme(CommandLine.Help.defaultColorScheme(root.ansi()))
                .setExecutionExceptionHandler((e, failed, parsed) -> root.failure(e));
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; meshcanary --help lists them");
    }

    /** The stack, found once per run. */
    Operator operator() {
        if (operator == null) {
            operator = new Operator(StackLocator.locate(stackName, region, env));
        }
        return operator;
    }

    Ansi ansi() {
        return terminal && !env.containsKey("NO_COLOR") ? Ansi.ON : Ansi.OFF;
    }

    private int failure(Exception e) throws Exception {
        switch (Unreachable.told(e, stackName, env)) {
            case CliException refused -> {
                err.println("meshcanary: " + refused.getMessage());
                return refused.exitCode();
            }
            case SdkException aws -> {
                err.println("meshcanary: an AWS call failed: " + aws.getMessage());
                err.println("  check the credentials, the region and --stack; a denial names the missing permission");
                return CliException.REFUSED;
            }
            default -> throw e;
        }
    }
}
