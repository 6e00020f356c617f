package io.meshcanary.local.iam;

import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * IAM for the functions in the function host: before an SDK call leaves, the calling function's role
 * ({@link Roles}) is asked about every action and resource the call needs, and a denied call fails as the service
 * would answer it. Registered for every SDK client of a JVM with this module (execution.interceptors), it does
 * nothing until the function host {@link #install installs} the roles, and leaves alone calls that no function makes
 * (the ECS simulator's, which stand in for ECS itself).
 */
public final class AccessEnforcer implements ExecutionInterceptor {

    private static volatile Roles roles;

    /** Turns enforcement on in this JVM. */
    public static void install(Roles installed) {
        roles = installed;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Roles current = roles;
        Optional<String> function = CallingFunction.current();
        if (current != null && function.isPresent()) {
            current.check(function.get(), attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    context.request());
        }
    }
}
