package io.meshcanary.local.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * moto writes App Mesh timestamps (createdAt, lastUpdatedAt) as "25/11/2026, 17:42:08" in its local time zone;
 * AWS sends epoch seconds, and the SDK fails to parse anything else. This interceptor rewrites them in App Mesh
 * responses and leaves every other response untouched.
 *
 * <p>The local module registers it for every SDK client of a JVM that has the module on its classpath, through
 * software/amazon/awssdk/global/handlers/execution.interceptors; a client can also add it explicitly.
 */
public final class AppMeshTimestampInterceptor implements ExecutionInterceptor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MOTO_FORMAT = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm:ss");
    private static final Set<String> TIMESTAMP_FIELDS = Set.of("createdAt", "lastUpdatedAt");
    /** The SDK's service name for App Mesh, as its clients set SdkExecutionAttribute.SERVICE_NAME. */
    private static final String APP_MESH = "AppMesh";

    private final ZoneId motoZone;

    public AppMeshTimestampInterceptor() {
        this(ZoneId.systemDefault());
    }

    /** @param motoZone the time zone of the machine that runs moto, which formats its local time */
    public AppMeshTimestampInterceptor(ZoneId motoZone) {
        this.motoZone = motoZone;
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes executionAttributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !APP_MESH.equals(executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return body;
        }
        try (InputStream in = body.get()) {
            byte[] bytes = in.readAllBytes();
            JsonNode json;
            try {
                json = JSON.readTree(bytes);
            } catch (IOException notJson) {
                return Optional.of(new ByteArrayInputStream(bytes));
            }
            return Optional.of(new ByteArrayInputStream(json != null && rewrite(json) ? JSON.writeValueAsBytes(json)
                    : bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read App Mesh response", e);
        }
    }

    /** Rewrites moto timestamps anywhere in the document; true if it changed any. */
    private boolean rewrite(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (var field : object.properties()) {
                if (TIMESTAMP_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                    Optional<Double> seconds = epochSeconds(field.getValue().asText());
                    if (seconds.isPresent()) {
                        field.setValue(DoubleNode.valueOf(seconds.get()));
                        changed = true;
                    }
                } else {
                    changed |= rewrite(field.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                changed |= rewrite(element);
            }
        }
        return changed;
    }

    private Optional<Double> epochSeconds(String text) {
        try {
            return Optional.of((double) LocalDateTime.parse(text, MOTO_FORMAT).atZone(motoZone).toEpochSecond());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
