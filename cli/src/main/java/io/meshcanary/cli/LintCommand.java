package io.meshcanary.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code meshcanary lint SPEC.json}: the checks a rollout makes of its spec, offline, before anything is stored. */
@Command(name = "lint", description = {"Check a canary spec offline.",
        "The schema, then the rules between fields, as a rollout checks it. An error names its field"
                + " (steps.weights[2]: ...).",
        "A valid native spec whose checks need what only some services have is valid with a note naming the check.",
        "Exits 0 when the spec is valid, 2 when it is not. Needs no stack and no AWS credentials."})
final class LintCommand implements Callable<Integer> {

    @ParentCommand
    private MeshCanary root;

    @Mixin
    private OutputOption output;

    @Parameters(paramLabel = "SPEC.json", description = "the canary spec file")
    private Path file;

    @Override
    public Integer call() {
        SpecFile spec = SpecFile.read(file);
        if (output.json()) {
            OutputOption.print(root.out, new Lint(file.toString(), spec.valid(),
                    spec.valid() ? null : spec.problem().field(), spec.valid() ? null : spec.problem().problem(),
                    spec.note()));
        } else if (spec.valid()) {
            root.out.println(file + ": valid");
            Optional.ofNullable(spec.note()).ifPresent(note -> root.out.println(file + ": note: " + note));
        } else {
            root.err.println(spec.error());
        }
        return spec.valid() ? 0 : CliException.BAD_INPUT;
    }

    /** The JSON form of a lint's result; {@code note} only when there is one. */
    private record Lint(String file, boolean valid, String field, String problem,
            @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }
}
