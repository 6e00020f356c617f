package io.meshcanary.cli;

import io.meshcanary.aws.Config;

/**
 * What the CLI needs of a deployed meshcanary stack: the names its outputs give (in an account) or the local
 * runtime's state folder holds.
 *
 * @param cluster the ECS cluster the stack manages (template parameter {@code ClusterName})
 * @param specParameterPrefix the SSM path under which canary specs are stored
 * @param resyncFunction the resync function's name
 */
record Stack(String name, String region, String cluster, String specParameterPrefix, String rolloutTable,
        String stateMachineArn, String eventBusName, String resyncFunction) {

    /** The same configuration the functions read from their environment, so the CLI builds the same adapters. */
    Config config() {
        return new Config(region, specParameterPrefix, rolloutTable, stateMachineArn, eventBusName);
    }
}
