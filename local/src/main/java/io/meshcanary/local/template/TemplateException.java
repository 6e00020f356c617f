package io.meshcanary.local.template;

/** The template uses something the local runtime cannot emulate, or is invalid; the message names the path. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
