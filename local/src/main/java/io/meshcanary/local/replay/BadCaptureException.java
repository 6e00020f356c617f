package io.meshcanary.local.replay;

import java.util.List;

/** Files that cannot be replayed: each problem names its file and what is wrong. */
public final class BadCaptureException extends RuntimeException {

    private final List<String> problems;

    public BadCaptureException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
