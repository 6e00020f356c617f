package io.meshcanary.aws;

import java.util.Map;

/**
 * The functions' configuration, read once from the environment that template.yaml sets.
 *
 * @param specParameterPrefix the SSM path under which canary specs live
 * @param rolloutTable the DynamoDB table of rollout records
 * @param stateMachineArn the canary workflow
 * @param eventBusName the custom EventBridge bus that rollout events are published on
 * @param gateSecretPrefix the SSM path under which webhook gates' header secrets may lie, the stack's
 *     {@code GateSecretPrefix}: the rollout-steps function's policy lets it read those names and no other
 */
public record Config(String region, String specParameterPrefix, String rolloutTable, String stateMachineArn,
        String eventBusName, String gateSecretPrefix) {

    /** The template's default; only the rollout-steps function, which asks gates, is given the variable. */
    public static final String DEFAULT_GATE_SECRET_PREFIX = "/meshcanary/secrets/";

    public Config(String region, String specParameterPrefix, String rolloutTable, String stateMachineArn,
            String eventBusName) {
        this(region, specParameterPrefix, rolloutTable, stateMachineArn, eventBusName, DEFAULT_GATE_SECRET_PREFIX);
    }

    public static Config fromEnv() {
        return from(System.getenv());
    }

    static Config from(Map<String, String> env) {
        return new Config(required(env, "AWS_REGION"), required(env, "SPEC_PARAMETER_PREFIX"),
                required(env, "ROLLOUT_TABLE"), required(env, "STATE_MACHINE_ARN"), required(env, "EVENT_BUS_NAME"),
                env.getOrDefault("GATE_SECRET_PREFIX", DEFAULT_GATE_SECRET_PREFIX));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
