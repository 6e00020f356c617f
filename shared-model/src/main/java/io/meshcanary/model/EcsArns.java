package io.meshcanary.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the names that ECS ARNs carry, naming the event field when an ARN is malformed. */
public final class EcsArns {

    private static final Pattern CLUSTER = Pattern.compile("^arn:[\\w-]+:ecs:[\\w-]+:\\d{12}:cluster/([\\w-]{1,255})$");
    private static final Pattern TASK = Pattern.compile("^arn:[\\w-]+:ecs:[\\w-]+:\\d{12}:task/(?:[\\w-]+/)?([\\w-]+)$");
    private static final Pattern SERVICE =
            Pattern.compile("^arn:[\\w-]+:ecs:[\\w-]+:\\d{12}:service/([\\w-]{1,255})/([\\w-]{1,255})$");
    private static final Pattern TASK_DEFINITION =
            Pattern.compile("^arn:[\\w-]+:ecs:[\\w-]+:\\d{12}:task-definition/([\\w-]{1,255}):(\\d+)$");

    private EcsArns() {
    }

    public static String clusterName(String clusterArn, String field) {
        return group(CLUSTER, clusterArn, field, "an ECS cluster ARN", 1);
    }

    /** The cluster of a service ARN in the long format, {@code ...:service/<cluster>/<service>}. */
    public static String serviceCluster(String serviceArn, String field) {
        return group(SERVICE, serviceArn, field, "an ECS service ARN (long format)", 1);
    }

    /**
     * Whether a service ARN is in the long format. An account that opted out of it (serviceLongArnFormat) names
     * services {@code ...:service/<name>}, without their cluster.
     */
    public static boolean isLongServiceArn(String serviceArn) {
        return serviceArn != null && SERVICE.matcher(serviceArn).matches();
    }

    public static String serviceName(String serviceArn, String field) {
        return group(SERVICE, serviceArn, field, "an ECS service ARN (long format)", 2);
    }

    public static String taskId(String taskArn, String field) {
        return group(TASK, taskArn, field, "an ECS task ARN", 1);
    }

    /** The revision number of a task definition ARN such as {@code ...:task-definition/orders:7}. */
    public static String taskDefinitionRevision(String taskDefinitionArn, String field) {
        return group(TASK_DEFINITION, taskDefinitionArn, field, "an ECS task definition ARN", 2);
    }

    public static String taskDefinitionFamily(String taskDefinitionArn, String field) {
        return group(TASK_DEFINITION, taskDefinitionArn, field, "an ECS task definition ARN", 1);
    }

    private static String group(Pattern pattern, String arn, String field, String expected, int group) {
        if (arn == null) {
            throw new InvalidEventException(field, "is missing");
        }
        Matcher matcher = pattern.matcher(arn);
        if (!matcher.matches()) {
            throw new InvalidEventException(field, "is not " + expected + ": " + arn);
        }
        return matcher.group(group);
    }
}
