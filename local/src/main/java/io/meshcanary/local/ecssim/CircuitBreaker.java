package io.meshcanary.local.ecssim;

import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS's deployment circuit breaker, as rolling updates and ECS's own deployments share it (Amazon ECS Developer Guide,
 * "How the Amazon ECS deployment circuit breaker detects failures"): enabled on the service, it fails a deployment once
 * as many tasks have failed to start or to stay healthy as half the desired count, at least 3 and at most 200.
 */
final class CircuitBreaker {
    static final String REASON = "ECS deployment circuit breaker: tasks failed to start.";
    private static final int MIN_FAILURES = 3;
    private static final int MAX_FAILURES = 200;

    private CircuitBreaker() {
    }

    static boolean tripped(Service service, int failures) {
        return enabled(service).isPresent()
                && failures >= Math.clamp((service.desiredCount() + 1) / 2, MIN_FAILURES, MAX_FAILURES);
    }

    /** Whether the breaker, enabled, puts the service back on the revision it ran before the failed deployment. */
    static boolean rollsBack(Service service) {
        return enabled(service).map(DeploymentCircuitBreaker::rollback).orElse(false);
    }

    private static Optional<DeploymentCircuitBreaker> enabled(Service service) {
        return Optional.ofNullable(service.deploymentConfiguration())
                .map(DeploymentConfiguration::deploymentCircuitBreaker)
                .filter(breaker -> Boolean.TRUE.equals(breaker.enable()));
    }
}
