package io.meshcanary.aws;

import io.meshcanary.port.SpecStore;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

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
        }
    }
}
