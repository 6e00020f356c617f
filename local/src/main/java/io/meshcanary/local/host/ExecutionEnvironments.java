package io.meshcanary.local.host;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.meshcanary.local.host.HostPlan.HostedFunction;
import io.meshcanary.local.support.JsonLog;
import java.lang.reflect.InvocationTargetException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The execution environments of one function, as Lambda keeps them: each is one handler instance, built on first
 * need (a cold start, whose init time is logged) and reused by later invocations. Concurrent invocations get an
 * environment each, so a handler never sees two requests at once, as in Lambda.
 */
final class ExecutionEnvironments {
    private final HostedFunction function;
    private final JsonLog log;
    private final Deque<RequestStreamHandler> idle = new ConcurrentLinkedDeque<>();

    ExecutionEnvironments(HostedFunction function, JsonLog log) {
        this.function = function;
        this.log = log;
    }

    HostedFunction function() {
        return function;
    }

    /** An idle environment, or a new one; a failure of the handler's static or constructor code is thrown. */
    RequestStreamHandler acquire() throws Throwable {
        RequestStreamHandler handler = idle.pollFirst();
        return handler != null ? handler : create();
    }

    void release(RequestStreamHandler handler) {
        idle.addFirst(handler);
    }

    private RequestStreamHandler create() throws Throwable {
        long start = System.nanoTime();
        try {
            Class<?> type = Class.forName(function.handlerClass(), true, getClass().getClassLoader());
            if (!RequestStreamHandler.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("%s does not implement %s; the local runtime hosts stream handlers"
                        .formatted(type.getName(), RequestStreamHandler.class.getName()));
            }
            RequestStreamHandler handler = (RequestStreamHandler) type.getConstructor().newInstance();
            log.info("platform.initReport", "function", function.name(), "initializationType", "on-demand",
                    "durationMs", (System.nanoTime() - start) / 1e6);
            return handler;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } catch (ExceptionInInitializerError e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }
}
