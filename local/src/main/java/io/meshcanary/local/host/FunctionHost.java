package io.meshcanary.local.host;

import com.sun.net.httpserver.HttpServer;
import io.meshcanary.local.iam.AccessEnforcer;
import io.meshcanary.local.iam.OperationResources;
import io.meshcanary.local.iam.Roles;
import io.meshcanary.local.support.AwsJsonClient;
import io.meshcanary.local.support.JsonLog;
import io.meshcanary.local.ecssim.EcsControlPlane;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The child JVM that hosts the functions: the Lambda proxy on the endpoint everything calls, and the pump that
 * delivers EventBridge events. The supervisor starts it with the template's environment variables, which a
 * running JVM cannot change, and sends its standard output, the functions' log, to functions.log.
 */
public final class FunctionHost implements AutoCloseable {
    private final HttpServer server;
    private final EventPump pump;
    private final AsyncInvoker asyncInvoker;
    private final Optional<EcsControlPlane> ecsSimulator;

    private FunctionHost(HttpServer server, EventPump pump, AsyncInvoker asyncInvoker,
            Optional<EcsControlPlane> ecsSimulator) {
        this.server = server;
        this.pump = pump;
        this.asyncInvoker = asyncInvoker;
        this.ecsSimulator = ecsSimulator;
    }

    public static FunctionHost start(HostPlan plan, JsonLog log) {
        AwsJsonClient moto = new AwsJsonClient(URI.create(plan.backendEndpoint()), plan.region());
        Invoker invoker = new Invoker(plan.functions(), log);
        AsyncInvoker asyncInvoker = new AsyncInvoker(invoker, moto, log);
        Optional<Roles> roles = roles(plan, log);
        roles.ifPresent(AccessEnforcer::install);
        Optional<EcsControlPlane> ecsSimulator = Optional.ofNullable(plan.sampleEvents())
                .map(events -> EcsControlPlane.through(plan.proxyPort(), plan.region(), Path.of(events), log));
        LambdaProxy proxy = new LambdaProxy(new LambdaInvokeApi(invoker, asyncInvoker, plan.region(),
                roles.flatMap(enforced -> StepFunctionsRole.of(plan, enforced))),
                new Forwarder(URI.create(plan.backendEndpoint()),
                        ecsSimulator.<Forwarder.Answered>map(simulator -> simulator::announced)
                                .orElse(Forwarder.Answered.NOBODY)), ecsSimulator, log);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), plan.proxyPort()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + plan.proxyPort(), e);
        }
        server.createContext("/", proxy);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        EventPump pump = new EventPump(plan, invoker, asyncInvoker, moto, log);
        pump.start();
        ecsSimulator.ifPresent(EcsControlPlane::start);
        log.info("local.hostReady", "proxyPort", plan.proxyPort(), "functions", plan.functions().size(),
                "rules", plan.subscriptions().size(), "ecsSimulator", ecsSimulator.isPresent());
        return new FunctionHost(server, pump, asyncInvoker, ecsSimulator);
    }

    private static Optional<Roles> roles(HostPlan plan, JsonLog log) {
        if (plan.roles() == null) {
            log.info("local.iamOff", "switch", "MESHCANARY_IAM=off");
            return Optional.empty();
        }
        Map<String, Roles.AssumedRole> byPrincipal = new LinkedHashMap<>();
        plan.roles().forEach((principal, role) -> byPrincipal.put(principal, Roles.AssumedRole.enforced(principal,
                role.roleName(), role.stateMachine(), role.statements())));
        log.info("local.iamEnforced", "principals", byPrincipal.keySet(),
                "uncheckedConditionKeys", OperationResources.UNCHECKED_CONDITION_KEYS);
        return Optional.of(new Roles(byPrincipal, new OperationResources(plan.region(), plan.accountId()),
                plan.accountId(), log));
    }

    @Override
    public void close() {
        ecsSimulator.ifPresent(EcsControlPlane::close);
        pump.close();
        asyncInvoker.close();
        server.stop(0);
    }

    /** Usage: FunctionHost PLAN_FILE. Runs until standard input closes, which is when the supervisor is gone. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FunctionHost PLAN_FILE");
        }
        // The forwarder passes Host on to moto; the JDK client refuses to set it unless told so before first use.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        JsonLog log = new JsonLog(System.out);
        FunctionHost host = start(HostPlan.read(Path.of(args[0])), log);
        Runtime.getRuntime().addShutdownHook(new Thread(host::close, "function-host-shutdown"));
        waitForEndOfInput(System.in);
        log.info("local.hostStopping", "reason", "supervisor closed standard input");
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Nothing is sent on this pipe: it exists so that its end tells the host the supervisor has gone.
        }
    }
}
