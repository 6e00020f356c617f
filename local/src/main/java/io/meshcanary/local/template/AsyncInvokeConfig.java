package io.meshcanary.local.template;

import java.time.Duration;

/** How Lambda retries an asynchronous invocation (EventInvokeConfig); the defaults are Lambda's. */
public record AsyncInvokeConfig(int maximumRetryAttempts, Duration maximumEventAge) {
    public static final AsyncInvokeConfig LAMBDA_DEFAULT = new AsyncInvokeConfig(2, Duration.ofHours(6));

    public AsyncInvokeConfig {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
            throw new TemplateException("MaximumRetryAttempts must be 0 to 2, not " + maximumRetryAttempts);
        }
        if (maximumEventAge.toSeconds() < 60 || maximumEventAge.toSeconds() > 21600) {
            throw new TemplateException("MaximumEventAgeInSeconds must be 60 to 21600, not "
                    + maximumEventAge.toSeconds());
        }
    }
}
