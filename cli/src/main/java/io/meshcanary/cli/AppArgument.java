package io.meshcanary.cli;

import picocli.CommandLine.Parameters;

/** The APP argument of the verbs about one app. */
final class AppArgument {

    @Parameters(paramLabel = "APP", description = "<app>, or <cluster>/<app> when apps of several clusters share it")
    String name;

    /** The app as the stack has it onboarded, with its last rollout's record. */
    Operator.App resolve(Operator operator) {
        return operator.app(name);
    }
}
