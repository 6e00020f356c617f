package io.meshcanary.aws;

import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/** An ECS client that lists and describes the tasks it is given, whatever the request's service, as moto does. */
record RunningTasks(List<Task> tasks) implements EcsClient {

    /** A task of {@code service} on {@code revision} of the orders family, in {@code lastStatus}. */
    static Task task(String service, int revision, String lastStatus) {
        return Task.builder().taskArn("arn:aws:ecs:eu-west-1:123456789012:task/shop/" + service + revision
                        + lastStatus).group("service:" + service).lastStatus(lastStatus)
                .taskDefinitionArn("arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:" + revision).build();
    }

    @Override
    public ListTasksResponse listTasks(ListTasksRequest request) {
        return ListTasksResponse.builder().taskArns(tasks.stream().map(Task::taskArn).toList()).build();
    }

    @Override
    public DescribeTasksResponse describeTasks(DescribeTasksRequest request) {
        return DescribeTasksResponse.builder().tasks(tasks.stream()
                .filter(task -> request.tasks().contains(task.taskArn())).toList()).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
