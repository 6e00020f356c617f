package io.meshcanary.local.sdk;

import io.meshcanary.local.support.JsonLog;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Writes one {@code local.awsCall} line per SDK call made in the function host, so that the AWS calls a rollout
 * costs can be counted from the function log. Registered, like the App Mesh fix, for every client of a JVM that
 * has the local module on its classpath; product code knows nothing of it. The thread tells the functions' calls
 * from the ECS simulator's ({@code ecs-simulator}).
 */
public final class AwsCallLog implements ExecutionInterceptor {

    /** Set by the runtime for the function host only; other JVMs with this module (tests, the demo) stay quiet. */
    public static final String SWITCH = "MESHCANARY_LOG_AWS_CALLS";

    private static final JsonLog LOG = new JsonLog(System.out);
    private final boolean enabled = System.getenv(SWITCH) != null;

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!enabled) {
            return;
        }
        LOG.info("local.awsCall", "service", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                "operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                "thread", Thread.currentThread().getName());
    }
}
