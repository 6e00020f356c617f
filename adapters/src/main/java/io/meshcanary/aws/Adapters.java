package io.meshcanary.aws;

import io.meshcanary.registry.NodeRegistry;

/** Wires the real adapters to the use cases; called once per execution environment by the handlers. */
public final class Adapters {

    private final AwsClients clients;
    private final Config config;

    private Adapters(Config config) {
        this.config = config;
        this.clients = new AwsClients(config);
    }

    public static Adapters fromEnvironment() {
        return new Adapters(Config.fromEnv());
    }

    public NodeRegistry nodeRegistry() {
        return new NodeRegistry(
                new SsmSpecStore(clients.ssm(), config.specParameterPrefix()),
                new EcsTaskReader(clients.ecs(), clients::ec2),
                new CloudMapDirectory(clients.cloudMap()),
                new AppMeshNodes(clients.appMesh()));
    }
}
