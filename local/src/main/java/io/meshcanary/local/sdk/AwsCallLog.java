package io.meshcanary.local.sdk;

import io.meshcanary.local.ecssim.EcsControlPlane;
import io.meshcanary.local.support.JsonLog;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Writes one {@code local.awsCall} line per SDK call made in the function host, so that the AWS calls a rollout
 * costs can be counted from the function log. Registered, like the App Mesh fix, for every client of a JVM that
 * has the local module on its classpath; product code knows nothing of it. The ECS simulator's calls (its thread is
 * {@link EcsControlPlane#THREAD}) stand in for ECS and are not logged, so every line is a function's call. The
 * thread names the invocation that made the call (see {@link #invocationThread}): a handler's SDK calls run on its
 * invocation's thread.
 */
public final class AwsCallLog implements ExecutionInterceptor {

    /** Set by the runtime for the function host only; other JVMs with this module (tests, the demo) stay quiet. */
    public static final String SWITCH = "MESHCANARY_LOG_AWS_CALLS";

    private static final JsonLog LOG = new JsonLog(System.out);
    private final boolean enabled = System.getenv(SWITCH) != null;

    /** The name the function host gives the thread an invocation runs on, so that its calls can be told apart. */
    public static String invocationThread(String requestId) {
        return "invocation-" + requestId;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!enabled || Thread.currentThread().getName().equals(EcsControlPlane.THREAD)) {
            return;
        }
        LOG.info("local.awsCall", "service", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                "operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                "thread", Thread.currentThread().getName());
    }
}
