package io.meshcanary.local.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A function's Handler, {@code package.Class::handleRequest}: the runtime hosts stream handlers only. */
public record HandlerSpec(String className) {
    private static final String IDENTIFIER = "[A-Za-z_$][A-Za-z0-9_$]*";
    private static final Pattern HANDLER =
            Pattern.compile("(%s(?:\\.%s)*)(?:::(%s))?".formatted(IDENTIFIER, IDENTIFIER, IDENTIFIER));
    private static final String STREAM_HANDLER_METHOD = "handleRequest";

    public static HandlerSpec parse(String handler, String path) {
        Matcher matcher = HANDLER.matcher(handler);
        if (!matcher.matches()) {
            throw new TemplateException("%s: '%s' is not a Java handler; expected fully.qualified.Class::%s"
                    .formatted(path, handler, STREAM_HANDLER_METHOD));
        }
        String method = matcher.group(2);
        if (method != null && !method.equals(STREAM_HANDLER_METHOD)) {
            throw new TemplateException("%s: '%s' names method %s; a RequestStreamHandler is called through %s"
                    .formatted(path, handler, method, STREAM_HANDLER_METHOD));
        }
        return new HandlerSpec(matcher.group(1));
    }
}
