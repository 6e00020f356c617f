package io.meshcanary.port;

/** A conditional write lost to another writer: re-read the record and decide again. */
public class ConcurrentUpdateException extends RuntimeException {

    public ConcurrentUpdateException(String service, long version) {
        super("rollout record of %s changed under us (expected to write version %d)".formatted(service, version));
    }
}
