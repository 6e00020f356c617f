package io.meshcanary.aws;

import io.meshcanary.port.SpecStore;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** Canary specs kept as SSM parameters named {@code <prefix>/<cluster>/<service>}. */
public final class SsmSpecStore implements SpecStore {

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

    /** Stores {@code source} as the app's spec, replacing the one stored: this onboards the app. */
    public void put(String cluster, String app, String source) {
        ssm.putParameter(request -> request.name(parameterName(cluster, app)).type("String").overwrite(true)
                .value(source));
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
