package io.meshcanary.port;

/** ECS has no cluster of that ARN. */
public class UnknownClusterException extends RuntimeException {

    public UnknownClusterException(String clusterArn) {
        super("ECS has no cluster " + clusterArn);
    }
}
