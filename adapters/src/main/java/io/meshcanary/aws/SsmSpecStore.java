package io.meshcanary.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.port.SpecStore;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** Canary specs kept as SSM parameters named {@code <prefix>/<cluster>/<service>}. */
public final class SsmSpecStore implements SpecStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Advanced tier's limit (Systems Manager User Guide, "Managing parameter tiers"). */
    private static final int MAX_PARAMETER_VALUE = 8192;

    private final SsmClient ssm;
    private final String prefix;

    public SsmSpecStore(SsmClient ssm, String prefix) {
        this.ssm = ssm;
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    public String parameterName(String cluster, String app) {
        return prefix + "/" + cluster + "/" + app;
    }

    @Override
    public Optional<String> source(String cluster, String app) {
        String name = parameterName(cluster, app);
        try {
            return Optional.of(ssm.getParameter(request -> request.name(name)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (SsmException e) {
            // A denied read is no answer about onboarding: the service may well have a spec the stack cannot see.
            String why = "AccessDeniedException".equals(e.awsErrorDetails().errorCode()) ? "access denied"
                    : e.awsErrorDetails().errorCode();
            // AWS's own message names the role, the action and the resource: the operator needs all three.
            throw new SpecStoreException("read canary spec %s: %s: %s".formatted(name, why, e.getMessage()), e);
        }
    }

    /**
     * Stores a spec, as {@link #storable} made it, replacing the one stored: this onboards the app. Intelligent-Tiering
     * keeps it a Standard parameter (free, at most 4 KB) while it fits, and makes it Advanced (at most 8 KB, charged
     * monthly) when it does not (Systems Manager User Guide, "Managing parameter tiers").
     */
    public void put(String cluster, String app, String storable) {
        ssm.putParameter(request -> request.name(parameterName(cluster, app)).type("String").overwrite(true)
                .tier(ParameterTier.INTELLIGENT_TIERING).value(storable));
    }

    /**
     * The spec as stored: the same JSON without the whitespace between its tokens, so that most specs fit the free
     * Standard tier.
     *
     * @throws IllegalArgumentException when even so it is longer than an Advanced parameter holds
     */
    public static String storable(String source) {
        String compact;
        try {
            compact = JSON.readTree(source).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the spec is not JSON: " + e.getOriginalMessage(), e);
        }
        if (compact.length() > MAX_PARAMETER_VALUE) {
            throw new IllegalArgumentException(("the spec is %d characters long even without whitespace; an SSM"
                    + " parameter holds at most %d").formatted(compact.length(), MAX_PARAMETER_VALUE));
        }
        return compact;
    }

    /** Every parameter below the prefix named {@code <prefix>/<cluster>/<app>}; others are not specs. */
    @Override
    public List<StoredSpec> all() {
        return ssm.getParametersByPathPaginator(request -> request.path(prefix).recursive(true)).stream()
                .flatMap(page -> page.parameters().stream())
                .flatMap(parameter -> stored(parameter).stream())
                .toList();
    }

    private Optional<StoredSpec> stored(Parameter parameter) {
        String[] path = parameter.name().substring(prefix.length() + 1).split("/");
        return path.length == 2 ? Optional.of(new StoredSpec(path[0], path[1], parameter.value())) : Optional.empty();
    }
}
