package io.meshcanary.spec;

/**
 * A router that reaches an app's tasks through registrations the node registry makes: each task in a Cloud Map
 * service, tagged with its track, and a virtual node per track that discovers them.
 */
public interface InstanceRegistry {

    /** The mesh whose per-track virtual nodes discover the registrations. */
    String mesh();

    /** Where the tasks are registered. */
    CloudMapService cloudMap();

    /** How each track's virtual node is shaped, and the port the tasks serve on. */
    VirtualNodeTemplate virtualNode();
}
