package io.meshcanary.local.ecssim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshcanary.local.bus.BusEntries;
import io.meshcanary.local.support.JsonLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.InstanceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceNotFoundException;
import software.amazon.awssdk.services.vpclattice.VpcLatticeClient;
import software.amazon.awssdk.services.vpclattice.model.ResourceNotFoundException;
import software.amazon.awssdk.services.vpclattice.model.RuleAction;

/**
 * SIMULATOR, not product code. The emulator stores ECS services but runs no tasks for them and sends no events. This
 * stands in for the ECS control plane: it keeps every service's tasks at its desired count and task definition
 * (replacing them within the deployment configuration's minimum healthy and maximum percentages, as a rolling
 * deployment does, and completing a deployment once its tasks are steady) and puts the task and deployment events ECS
 * would send on the default bus. A service's tasks are registered in its target groups (its load balancers' and its VPC
 * Lattice configurations') and its Cloud Map service registries, as ECS registers them, and only {@link #HEALTHY_AFTER}
 * after they started, when the target group's health checks would first pass (moto reports every registered IP target
 * healthy, and so does the launcher's stand-in for Lattice targets). Everything downstream of those events
 * and registrations is the real code path.
 *
 * <p>It also stands in for ECS's deployment circuit breaker, for a service whose deployment configuration enables
 * it: once as many of a deployment's tasks have stopped with a failure as the breaker's threshold, the deployment
 * fails ({@code SERVICE_DEPLOYMENT_FAILED}), no further task of it starts, and with {@code rollback} on, the service
 * goes back to the task definition it ran before, which starts a deployment of its own.
 */
public final class EcsControlPlane implements AutoCloseable {

    /**
     * The docker label by which a revision asks the simulator to crash-loop: each of its tasks runs for
     * {@link #CRASH_AFTER}, then its essential container exits with the label's value, and ECS replaces it.
     */
    public static final String EXIT_CODE_LABEL = "meshcanary.local/exit-code";
    /** The simulator's thread; its SDK calls stand in for ECS, and are not counted as the product's. */
    public static final String THREAD = "ecs-simulator";

    /**
     * The safety pass, for what no call through the proxy announces: everything that changes a service does, and a
     * task's crash or first healthy check is a timed event of its service.
     */
    private static final Duration SAFETY_PERIOD = Duration.ofSeconds(30);
    /** How often the simulator's own AWS calls are logged, counted by operation. */
    private static final Duration CALLS_LOG_PERIOD = Duration.ofMinutes(1);
    private static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    /** The ECS operations after which a service's tasks or registrations may have to change. */
    private static final Set<String> SERVICE_CHANGES = Set.of("CreateService", "UpdateService", "DeleteService");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PAST_DUE = Duration.ofMillis(20);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** Long enough for a crashing task to be seen running and registered first, as a real crash loop is. */
    private static final Duration CRASH_AFTER = Duration.ofSeconds(2);
    /** What ECS gives a replica service whose deployment configuration sets no percentages. */
    private static final int DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
    private static final int DEFAULT_MAXIMUM_PERCENT = 200;

    /**
     * Long enough for a load-balanced task to be seen running for more than one capacity poll before its target is
     * healthy, as it is behind a real load balancer (healthy threshold times health check interval).
     */
    private static final Duration HEALTHY_AFTER = Duration.ofSeconds(3);

    /**
     * How long a deleted service's tasks keep running once out of their target groups, as ECS waits out a target
     * group's deregistration delay (300 s by default; Elastic Load Balancing User Guide, "Deregistration delay")
     * before it stops them. Shortened, as {@link #HEALTHY_AFTER} shortens the health checks.
     */
    private static final Duration DEREGISTRATION_DELAY = Duration.ofSeconds(10);

    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;
    private final VpcLatticeClient lattice;
    private final ServiceDiscoveryClient cloudMap;
    private final EventBridgeClient bus;
    private final TaskEvents events;
    private final Random random = new Random();
    private final Map<String, ServiceTasks> services = new ConcurrentHashMap<>();
    /** The exit code each task definition's essential container ends with; 0 for one that keeps running. */
    private final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
    /** The target group registrations of each task, by task ARN, for its stop to take back. */
    private final Map<String, List<Attachment>> registered = new ConcurrentHashMap<>();
    /** The next reconcile of each service, when a call announced a change or one of its tasks has an event due. */
    private final Map<ServiceKey, ScheduledFuture<?>> wakeUps = new ConcurrentHashMap<>();
    private final SimulatorCalls calls;
    private final JsonLog log;
    private final NativeDeployments natives = new NativeDeployments(new Fleet());
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, THREAD);
        thread.setDaemon(true);
        return thread;
    });

    EcsControlPlane(EcsClient ecs, ElasticLoadBalancingV2Client elb, VpcLatticeClient lattice,
            ServiceDiscoveryClient cloudMap, EventBridgeClient bus, TaskEvents events, SimulatorCalls calls,
            JsonLog log) {
        this.ecs = ecs;
        this.elb = elb;
        this.lattice = lattice;
        this.cloudMap = cloudMap;
        this.bus = bus;
        this.events = events;
        this.calls = calls;
        this.log = log;
    }

    /**
     * A simulator that talks to the emulator through the proxy, as every other client does; it runs once
     * {@link #start started}, and hears of the calls that change services through {@link #announced}.
     */
    public static EcsControlPlane through(int proxyPort, String region, Path sampleEvents, JsonLog log) {
        URI endpoint = URI.create("http://localhost:" + proxyPort);
        SdkHttpClient http = UrlConnectionHttpClient.create();
        SimulatorCalls calls = new SimulatorCalls();
        ClientOverrideConfiguration counted = ClientOverrideConfiguration.builder().addExecutionInterceptor(calls)
                .build();
        return new EcsControlPlane(
                EcsClient.builder().endpointOverride(endpoint).region(Region.of(region)).httpClient(http)
                        .overrideConfiguration(counted).build(),
                ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(Region.of(region))
                        .httpClient(http).overrideConfiguration(counted).build(),
                // The url-connection client cannot send UpdateRule's PATCH, which ECS's Lattice deployments need.
                VpcLatticeClient.builder().endpointOverride(endpoint).region(Region.of(region))
                        .httpClient(ApacheHttpClient.create()).overrideConfiguration(counted).build(),
                ServiceDiscoveryClient.builder().endpointOverride(endpoint).region(Region.of(region))
                        .httpClient(http).overrideConfiguration(counted).build(),
                EventBridgeClient.builder().endpointOverride(endpoint).region(Region.of(region)).httpClient(http)
                        .overrideConfiguration(counted).build(),
                new TaskEvents(sampleEvents), calls, log);
    }

    /** Starts the safety pass (at once: services that exist already get their tasks) and the calls log. */
    public EcsControlPlane start() {
        loop.scheduleWithFixedDelay(this::reconcileQuietly, 0, SAFETY_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        loop.scheduleAtFixedRate(() -> log.info("local.ecsSimulatorCalls", "perMinute", calls.drain()),
                CALLS_LOG_PERIOD.toMillis(), CALLS_LOG_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Told of each request the emulator answered with success, as it passed the proxy: an ECS call that changes a
     * service has the service reconciled at once, and a deleted cluster's services are forgotten.
     *
     * @param target the request's {@code X-Amz-Target} header, null for a service that uses none
     */
    public void announced(String target, byte[] body) {
        if (target == null || !target.startsWith(ECS_TARGET_PREFIX)) {
            return;
        }
        String operation = target.substring(ECS_TARGET_PREFIX.length());
        if (!SERVICE_CHANGES.contains(operation) && !operation.equals("DeleteCluster")) {
            return;
        }
        quietly("hear " + operation, () -> {
            JsonNode request = readJson(body);
            String cluster = request.path("cluster").asText("default");
            if (operation.equals("DeleteCluster")) {
                forgetCluster(ServiceKey.lastSegment(cluster));
            } else {
                wake(ServiceKey.of(cluster, request.path("service").asText(request.path("serviceName").asText())),
                        Duration.ZERO);
            }
        });
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("an ECS request body that is not JSON", e);
        }
    }

    /** Reconciles the service after {@code after}, unless a reconcile of it is due sooner already. */
    private void wake(ServiceKey service, Duration after) {
        wakeUps.compute(service, (key, pending) -> {
            if (pending != null && !pending.isDone() && pending.getDelay(TimeUnit.MILLISECONDS) <= after.toMillis()) {
                return pending;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            return loop.schedule(() -> reconcileOne(key), after.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void forgetCluster(String cluster) {
        wakeUps.keySet().stream().filter(key -> key.cluster().equals(cluster)).toList()
                .forEach(key -> Optional.ofNullable(wakeUps.remove(key)).ifPresent(wakeUp -> wakeUp.cancel(false)));
    }

    private void reconcileOne(ServiceKey key) {
        // Removed first: a call announced while this reconcile runs must wake the service again.
        wakeUps.remove(key);
        try {
            ecs.describeServices(request -> request.cluster(key.cluster()).services(key.service())).services()
                    .forEach(this::reconcileAndPlan);
        } catch (RuntimeException e) {
            warn("reconcile " + key, e);
            // A call the emulator failed (a 5xx, a timeout: busy under load) leaves the pass half done, a task
            // stopped in ECS with no STOPPED event yet, say: the service is reconciled again soon, not at the next
            // safety pass, 30 s on. A refusal (a deleted cluster's ClusterNotFound) is not retried.
            if (e instanceof SdkClientException
                    || e instanceof SdkServiceException failed && failed.statusCode() >= 500) {
                wake(key, RETRY_AFTER);
            }
        }
    }

    /**
     * One pass over every service of every cluster: the safety net for a change no call announced (the simulator
     * restarted, or a service changed behind the proxy).
     */
    private void reconcileAll() {
        // One cluster's trouble (deleted between the listing and its services' reads, as tests tidying up do) must
        // not hold up every other cluster's tasks until a pass finds none deleted.
        for (String cluster : ecs.listClustersPaginator(request -> { }).clusterArns()) {
            quietly("reconcile cluster " + cluster, () -> reconcileCluster(cluster));
        }
    }

    private void reconcileCluster(String cluster) {
        List<String> arns = ecs.listServicesPaginator(request -> request.cluster(cluster)).serviceArns()
                .stream().toList();
        for (int from = 0; from < arns.size(); from += 10) {
            List<String> batch = arns.subList(from, Math.min(from + 10, arns.size()));
            // One service's trouble (a target group deleted under it, say) must not stop the others'.
            ecs.describeServices(request -> request.cluster(cluster).services(batch)).services()
                    .forEach(service -> quietly("reconcile " + service.serviceArn(),
                            () -> reconcileAndPlan(service)));
        }
    }

    private void reconcileQuietly() {
        // The next pass tries again; a simulator hiccup must not stop the simulation.
        quietly("pass", this::reconcileAll);
    }

    private void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            warn(what, e);
        }
    }

    /**
     * An answer from the emulator (a refusal, a 5xx, a timeout under load) is a warning; anything else is the
     * simulator's own fault, an error with its stack trace, which local/bin/fault-free fails the suite's run on.
     */
    private void warn(String what, RuntimeException e) {
        boolean answered = e instanceof SdkServiceException
                || e instanceof SdkClientException && e.getCause() instanceof IOException;
        if (answered) {
            log.warn("local.ecsSimulatorFailed", "what", what, "error", String.valueOf(e.getMessage()));
        } else {
            log.error("local.ecsSimulatorFailed", e, "what", what);
        }
    }

    /**
     * Reconciles the service, then plans its next reconcile: at once if this one changed its tasks (a task healthy
     * now lets an old one stop), else when its next task event is due (a crash, a first healthy check, a deployment
     * steady), else never until a call announces a change.
     */
    private void reconcileAndPlan(Service service) {
        TasksSeen before = seen(service);
        reconcile(service);
        ServiceKey key = ServiceKey.of(service.clusterArn(), service.serviceArn());
        if (!seen(service).equals(before)) {
            wake(key, Duration.ZERO);
            return;
        }
        nextTaskEvent(services.get(service.serviceArn())).ifPresent(after -> wake(key, after));
    }

    private TasksSeen seen(Service service) {
        ServiceTasks tasks = services.get(service.serviceArn());
        if (tasks == null) {
            return new TasksSeen(Set.of(), Set.of());
        }
        Set<String> running = tasks.running.stream().map(Task::taskArn).collect(Collectors.toSet());
        return new TasksSeen(running, running.stream().filter(registered::containsKey).collect(Collectors.toSet()));
    }

    /** What a pass may change of a service's tasks: which run, and which are registered where they serve. */
    private record TasksSeen(Set<String> running, Set<String> registered) {
    }

    /**
     * When the next timed event of the service's tasks is due: a crash-looping task's exit ({@link #CRASH_AFTER}),
     * and a task's first healthy check, after which it is also steady ({@link #HEALTHY_AFTER}).
     */
    private Optional<Duration> nextTaskEvent(ServiceTasks tasks) {
        if (tasks == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (tasks.drainingSince != null) {
            return Optional.of(Duration.between(now, tasks.drainingSince.plus(DEREGISTRATION_DELAY)).plus(PAST_DUE));
        }
        return tasks.running.stream()
                .flatMap(task -> Optional.ofNullable(tasks.startedAt.get(task.taskArn())).stream()
                        .flatMap(started -> exitCode(task.taskDefinitionArn()) == 0
                                ? Stream.of(started.plus(HEALTHY_AFTER))
                                : Stream.of(started.plus(HEALTHY_AFTER), started.plus(CRASH_AFTER))))
                .filter(now::isBefore)
                .min(Comparator.naturalOrder())
                // Just past the moment: the passes compare start times strictly before it.
                .map(due -> Duration.between(now, due).plus(PAST_DUE));
    }

    private void reconcile(Service service) {
        if (!"ACTIVE".equals(service.status())) {
            Optional.ofNullable(services.get(service.serviceArn())).ifPresent(tasks -> drain(service, tasks));
            return;
        }
        ServiceTasks tasks = services.computeIfAbsent(service.serviceArn(), arn -> new ServiceTasks());
        if (!service.taskDefinition().equals(tasks.taskDefinition)) {
            String reason = tasks.rollingBack == null ? null
                    : "ECS deployment circuit breaker: rolling back to deploymentId " + tasks.rollingBack + ".";
            String source = tasks.taskDefinition;
            tasks.deploy(service.taskDefinition(), "ecs-svc/" + Math.abs(random.nextLong()));
            put(events.deploymentInProgress(service.serviceArn(), tasks.deploymentId, reason));
            if (source != null && NativeDeployments.runsDeploymentsOf(service)) {
                natives.start(service, source);
            }
        }
        crashDue(tasks);
        if (natives.inProgress(service)) {
            registerHealthy(service, tasks);
            natives.advance(service, tasks.running, tasks.failures);
            return;
        }
        breakIfFailing(service, tasks);
        replace(service, tasks);
        registerHealthy(service, tasks);
        completeIfDone(service, tasks);
    }

    /**
     * A deleted service's tasks: out of every target group and registry at once, so they get no new traffic, and
     * stopped once the targets' deregistration delay has passed ({@link #DEREGISTRATION_DELAY}); meanwhile ECS shows
     * the service DRAINING (the launcher's stand-in turns it INACTIVE at the last stop).
     */
    private void drain(Service service, ServiceTasks tasks) {
        if (tasks.drainingSince == null) {
            tasks.drainingSince = Instant.now();
            tasks.running.forEach(this::deregister);
        }
        if (!Instant.now().isBefore(tasks.drainingSince.plus(DEREGISTRATION_DELAY))) {
            services.remove(service.serviceArn());
            tasks.running.forEach(task -> stop(task, 0));
            tasks.running = List.of();
        }
    }

    /**
     * ECS's rolling update (Amazon ECS Developer Guide, "Deploy Amazon ECS services by replacing tasks"): new tasks
     * start while the service's tasks stay within maximumPercent of its desired count, rounded down, and old tasks stop
     * only while the healthy tasks left stay at or above minimumHealthyPercent of it, rounded up; a replica service
     * without a deployment configuration has 100 and 200. A task behind a load balancer or in VPC Lattice is healthy
     * once its target is; any other once it runs. A change of the desired count alone starts or stops tasks at once.
     */
    private void replace(Service service, ServiceTasks tasks) {
        int desired = service.desiredCount();
        DeploymentConfiguration deployment = service.deploymentConfiguration();
        int minimumHealthy = (int) Math.ceil(desired
                * percent(deployment, DeploymentConfiguration::minimumHealthyPercent, DEFAULT_MINIMUM_HEALTHY_PERCENT)
                / 100.0);
        int maximum = desired * percent(deployment, DeploymentConfiguration::maximumPercent, DEFAULT_MAXIMUM_PERCENT)
                / 100;
        List<Task> current = new ArrayList<>(tasks.running.stream()
                .filter(task -> task.taskDefinitionArn().equals(service.taskDefinition())).toList());
        List<Task> stale = new ArrayList<>(tasks.running.stream()
                .filter(task -> !task.taskDefinitionArn().equals(service.taskDefinition()))
                // Unhealthy old tasks go first: they serve nothing the minimum keeps.
                .sorted(Comparator.comparing(task -> isHealthy(service, task)))
                .toList());
        while (current.size() > desired) {
            stop(current.removeLast(), 0);
        }
        long healthy = Stream.concat(current.stream(), stale.stream()).filter(task -> isHealthy(service, task))
                .count();
        for (Task task : List.copyOf(stale)) {
            boolean counted = isHealthy(service, task);
            if (!counted || healthy - 1 >= minimumHealthy) {
                stop(task, 0);
                stale.remove(task);
                healthy -= counted ? 1 : 0;
            }
        }
        while (!tasks.failed && current.size() < desired && current.size() + stale.size() < maximum) {
            Task started = run(service, service.taskDefinition());
            tasks.startedAt.put(started.taskArn(), Instant.now());
            current.add(started);
        }
        tasks.running = new ArrayList<>(current);
        tasks.running.addAll(stale);
        tasks.startedAt.keySet().retainAll(tasks.running.stream().map(Task::taskArn).toList());
    }

    private static int percent(DeploymentConfiguration deployment,
            Function<DeploymentConfiguration, Integer> setting, int fallback) {
        return Optional.ofNullable(deployment).map(setting).orElse(fallback);
    }

    /** A task behind a target group is healthy once registered there (after its first health checks pass). */
    private boolean isHealthy(Service service, Task task) {
        return registered.containsKey(task.taskArn()) || attachments(service, task).isEmpty();
    }

    /**
     * A deployment completes once the service runs its desired count of the new revision, all healthy and steady
     * (running for as long as a target's first health checks take, longer than a crash-looping task lives), and no old
     * task: at once for a service at zero. From then on a crash is no deployment's failure, for the circuit breaker
     * watches only a deployment in progress (Amazon ECS Developer Guide, "How the Amazon ECS deployment circuit
     * breaker detects failures").
     */
    private void completeIfDone(Service service, ServiceTasks tasks) {
        Instant steadySince = Instant.now().minus(HEALTHY_AFTER);
        if (!tasks.failed && tasks.running.size() == service.desiredCount()
                && tasks.running.stream().allMatch(task -> task.taskDefinitionArn().equals(service.taskDefinition())
                        && isHealthy(service, task)
                        && tasks.startedAt.getOrDefault(task.taskArn(), Instant.MAX).isBefore(steadySince))) {
            tasks.completed = true;
        }
    }

    /** ECS registers a task in its service's target groups; the first health checks take a while to pass. */
    private void registerHealthy(Service service, ServiceTasks tasks) {
        Instant due = Instant.now().minus(HEALTHY_AFTER);
        for (Task task : tasks.running) {
            List<Attachment> attachments = attachments(service, task);
            if (attachments.isEmpty() || registered.containsKey(task.taskArn())
                    || !tasks.startedAt.getOrDefault(task.taskArn(), Instant.MAX).isBefore(due)) {
                continue;
            }
            attachments.forEach(attachment -> attachment.register().accept(task));
            registered.put(task.taskArn(), attachments);
        }
    }

    /**
     * Where the task is registered: its service's target groups (during one of ECS's own deployments, green's tasks
     * in the group that serves no production traffic yet), Cloud Map services and VPC Lattice groups. ECS keeps a
     * service's VPC Lattice configurations on its PRIMARY deployment.
     */
    private List<Attachment> attachments(Service service, Task task) {
        List<Attachment> attachments = new ArrayList<>(service.loadBalancers().stream()
                .map(balancer -> balancer(natives.targetGroupFor(service, balancer.targetGroupArn(),
                        balancer.advancedConfiguration() != null, task), balancer.containerPort()))
                .toList());
        service.serviceRegistries().forEach(registry -> attachments.add(registry(registry, service)));
        service.deployments().stream().filter(deployment -> "PRIMARY".equals(deployment.status()))
                .map(Deployment::vpcLatticeConfigurations).flatMap(List::stream)
                .forEach(lattice -> attachments.add(latticeGroup(natives.targetGroupFor(service,
                        lattice.targetGroupArn(), lattice.advancedConfiguration() != null, task))));
        return attachments;
    }

    private Attachment balancer(String targetGroupArn, Integer containerPort) {
        return new Attachment(task -> elb.registerTargets(request -> request.targetGroupArn(targetGroupArn)
                .targets(target -> target.id(TaskEvents.privateIp(task)).port(containerPort))),
                task -> {
                    try {
                        elb.deregisterTargets(request -> request.targetGroupArn(targetGroupArn)
                                .targets(target -> target.id(TaskEvents.privateIp(task)).port(containerPort)));
                    } catch (TargetGroupNotFoundException gone) {
                        // ECS deregisters nothing from a group that no longer exists either.
                    }
                });
    }

    /** Lattice takes the group's own port when a target names none. */
    private Attachment latticeGroup(String targetGroupArn) {
        return new Attachment(task -> lattice.registerTargets(request -> request.targetGroupIdentifier(targetGroupArn)
                .targets(target -> target.id(TaskEvents.privateIp(task)))),
                task -> {
                    try {
                        lattice.deregisterTargets(request -> request.targetGroupIdentifier(targetGroupArn)
                                .targets(target -> target.id(TaskEvents.privateIp(task))));
                    } catch (ResourceNotFoundException gone) {
                        // As above: the group was deleted first.
                    }
                });
    }

    /**
     * ECS registers each task of a service with service discovery as an instance of the registry's Cloud Map service,
     * by its task id, with its address, the registry's port (for SRV records) and attributes of its own (Amazon ECS
     * Developer Guide, "Use service discovery to connect Amazon ECS services with DNS names"), and deregisters it
     * when the task stops.
     */
    private Attachment registry(ServiceRegistry registry, Service service) {
        String serviceId = registry.registryArn().substring(registry.registryArn().lastIndexOf('/') + 1);
        return new Attachment(task -> {
            Map<String, String> attributes = new HashMap<>(Map.of("AWS_INSTANCE_IPV4", TaskEvents.privateIp(task),
                    "ECS_CLUSTER_NAME", service.clusterArn().substring(service.clusterArn().lastIndexOf('/') + 1),
                    "ECS_SERVICE_NAME", service.serviceName()));
            if (registry.port() != null) {
                attributes.put("AWS_INSTANCE_PORT", registry.port().toString());
            }
            cloudMap.registerInstance(request -> request.serviceId(serviceId).instanceId(taskId(task))
                    .attributes(attributes));
        }, task -> {
            try {
                cloudMap.deregisterInstance(request -> request.serviceId(serviceId).instanceId(taskId(task)));
            } catch (ServiceNotFoundException | InstanceNotFoundException gone) {
                // As for a target group: nothing is left to deregister from.
            }
        });
    }

    private static String taskId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    /** Stops the tasks of a crash-looping revision that have run their while; the next pass replaces them. */
    private void crashDue(ServiceTasks tasks) {
        Instant due = Instant.now().minus(CRASH_AFTER);
        List<Task> crashed = tasks.running.stream()
                .filter(task -> exitCode(task.taskDefinitionArn()) != 0
                        && tasks.startedAt.getOrDefault(task.taskArn(), Instant.MAX).isBefore(due))
                .toList();
        crashed.forEach(task -> {
            stop(task, exitCode(task.taskDefinitionArn()));
            tasks.startedAt.remove(task.taskArn());
        });
        tasks.running.removeAll(crashed);
        if (!tasks.completed) {
            tasks.failures += (int) crashed.stream()
                    .filter(task -> task.taskDefinitionArn().equals(tasks.taskDefinition)).count();
        }
    }

    /** The circuit breaker: past its threshold the deployment fails and, with rollback on, the service goes back. */
    private void breakIfFailing(Service service, ServiceTasks tasks) {
        if (tasks.failed || !CircuitBreaker.tripped(service, tasks.failures)) {
            return;
        }
        tasks.failed = true;
        put(events.deploymentFailed(service.serviceArn(), tasks.deploymentId, CircuitBreaker.REASON));
        if (CircuitBreaker.rollsBack(service) && tasks.previousTaskDefinition != null) {
            tasks.rollingBack = tasks.deploymentId;
            ecs.updateService(request -> request.cluster(service.clusterArn()).service(service.serviceName())
                    .taskDefinition(tasks.previousTaskDefinition));
        }
    }

    private int exitCode(String taskDefinitionArn) {
        return exitCodes.computeIfAbsent(taskDefinitionArn, arn -> ecs.describeTaskDefinition(request -> request
                        .taskDefinition(arn)).taskDefinition().containerDefinitions().stream()
                .filter(container -> Boolean.TRUE.equals(container.essential()))
                .map(container -> container.dockerLabels().getOrDefault(EXIT_CODE_LABEL, "0"))
                .mapToInt(Integer::parseInt)
                .filter(code -> code != 0)
                .findFirst().orElse(0));
    }

    private Task run(Service service, String taskDefinition) {
        Task task = ecs.runTask(request -> request.cluster(service.clusterArn())
                        .taskDefinition(taskDefinition)
                        .launchType(LaunchType.FARGATE)
                        .group("service:" + service.serviceName())
                        .startedBy("ecs-svc/simulator")
                        .networkConfiguration(service.networkConfiguration()))
                .tasks().getFirst();
        put(events.running(task));
        return task;
    }

    private void stop(Task task, int exitCode) {
        deregister(task);
        String reason = exitCode == 0 ? "simulated stop" : "Essential container in task exited";
        ecs.stopTask(request -> request.cluster(task.clusterArn()).task(task.taskArn()).reason(reason));
        put(events.stopped(task, exitCode));
    }

    /**
     * Forgets the task's registrations only once every one is taken back: a deregistration that fails (the emulator
     * slow under load) is retried by the next pass's stop, instead of leaving the task served after it stopped.
     */
    private void deregister(Task task) {
        Optional.ofNullable(registered.get(task.taskArn())).ifPresent(attachments -> {
            attachments.forEach(attachment -> attachment.deregister().accept(task));
            registered.remove(task.taskArn());
        });
    }

    /**
     * A target group a task is registered in, and how its stop takes it out again. A group deleted first (as
     * offboarding deletes the twin's) has nothing left to deregister.
     */
    private record Attachment(Consumer<Task> register, Consumer<Task> deregister) {
    }

    private void put(JsonNode event) {
        BusEntries.put(bus, event);
    }

    /** Whether {@code target} (an {@code X-Amz-Target} header) is an ECS call a stand-in answers, not the emulator. */
    public boolean answers(String target) {
        return target != null && target.startsWith(ECS_TARGET_PREFIX)
                && ServiceDeploymentApi.OPERATIONS.contains(target.substring(ECS_TARGET_PREFIX.length()));
    }

    /** The stand-in's answer to a call it {@link #answers}. */
    public EcsAnswer answer(String target, byte[] body) {
        return natives.answer(target.substring(ECS_TARGET_PREFIX.length()), readJson(body));
    }

    /** The simulator's tasks and calls, as ECS's own deployments ask for them. */
    private final class Fleet implements NativeDeployments.Fleet {
        @Override
        public void run(Service service, String taskDefinition) {
            ServiceTasks tasks = services.get(service.serviceArn());
            Task started = EcsControlPlane.this.run(service, taskDefinition);
            tasks.startedAt.put(started.taskArn(), Instant.now());
            tasks.running.add(started);
        }

        @Override
        public void stop(Service service, Task task) {
            EcsControlPlane.this.stop(task, 0);
            services.get(service.serviceArn()).running.remove(task);
        }

        @Override
        public boolean healthy(Service service, Task task) {
            return isHealthy(service, task);
        }

        @Override
        public void revert(Service service, String taskDefinition) {
            // The simulator's revision first: the update must not look like a new deployment to the next reconcile.
            services.get(service.serviceArn()).taskDefinition = taskDefinition;
            ecs.updateService(request -> request.cluster(service.clusterArn()).service(service.serviceName())
                    .taskDefinition(taskDefinition));
        }

        @Override
        public void forwardRule(String ruleArn, Action forward) {
            elb.modifyRule(request -> request.ruleArn(ruleArn).actions(forward));
        }

        @Override
        public void forwardListener(String listenerArn, Action forward) {
            elb.modifyListener(request -> request.listenerArn(listenerArn).defaultActions(forward));
        }

        /** A Lattice rule ARN names its service and listener: {@code ...:service/SVC/listener/LISTENER/rule/RULE}. */
        @Override
        public void forwardLattice(String ruleArn, RuleAction forward) {
            String[] path = ruleArn.split("/");
            lattice.updateRule(request -> request.serviceIdentifier(path[1]).listenerIdentifier(path[3])
                    .ruleIdentifier(path[5]).action(forward));
        }

        @Override
        public void put(JsonNode event) {
            EcsControlPlane.this.put(event);
        }

        @Override
        public void wake(Service service, Duration after) {
            EcsControlPlane.this.wake(ServiceKey.of(service.clusterArn(), service.serviceArn()), after);
        }
    }

    /** A service by its cluster's and its own name, as calls name them (by name or by ARN). */
    private record ServiceKey(String cluster, String service) {
        static ServiceKey of(String clusterNameOrArn, String serviceNameOrArn) {
            return new ServiceKey(lastSegment(clusterNameOrArn), lastSegment(serviceNameOrArn));
        }

        /** A name, or the last segment of an ARN ({@code ...:cluster/NAME}, {@code ...:service/CLUSTER/NAME}). */
        static String lastSegment(String nameOrArn) {
            return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }

    /** The tasks the simulator runs for one service, and the deployment it last started. */
    private static final class ServiceTasks {
        private String taskDefinition;
        private String previousTaskDefinition;
        private String deploymentId;
        /** Tasks of the current deployment that stopped with a failure, as the circuit breaker counts them. */
        private int failures;
        private boolean failed;
        /** Whether the current deployment reached its desired count of healthy tasks, and no old task is left. */
        private boolean completed;
        /** The failed deployment that the next one rolls back, if any. */
        private String rollingBack;
        private List<Task> running = new ArrayList<>();
        /** When the service was deleted, if it was: its tasks stop a deregistration delay later. */
        private Instant drainingSince;
        private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();

        private void deploy(String nextTaskDefinition, String nextDeploymentId) {
            rollingBack = null;
            // A failed deployment never completed: the one before it stays the one to roll back to.
            previousTaskDefinition = failed ? previousTaskDefinition : taskDefinition;
            taskDefinition = nextTaskDefinition;
            deploymentId = nextDeploymentId;
            failures = 0;
            failed = false;
            completed = false;
        }
    }
}
