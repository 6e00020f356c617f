package io.meshcanary.rollout;

/** The service's record now belongs to a newer rollout, so this execution must stop without touching traffic. */
public class SupersededException extends RuntimeException {

    public SupersededException(String service, String execution, String current) {
        super("rollout of %s by execution %s was superseded by %s".formatted(service, execution, current));
    }
}
