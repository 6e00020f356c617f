package io.meshcanary.registry;

/** The lifecycle state of an ECS task as ECS reports it now. */
public record TaskStatus(String lastStatus, String desiredStatus) {

    /** Only a task that is running and meant to keep running may receive traffic; a draining one may not. */
    public boolean live() {
        return "RUNNING".equals(lastStatus) && "RUNNING".equals(desiredStatus);
    }
}
