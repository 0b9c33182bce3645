package io.fxhome.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the publisher can reach the broker: a process that cannot enqueue jobs should not take traffic. */
@Readiness
@ApplicationScoped
public class SyncJobPublisherHealthCheck implements HealthCheck {
    public static final String NAME = "rabbitmq-publisher";

    @Inject
    SyncJobPublisher publisher;

    @Override
    public HealthCheckResponse call() {
        boolean up = publisher.checkConnection();
        return HealthCheckResponse.named(NAME)
                .status(up)
                .withData("exchange", publisher.topology().exchange())
                .withData("blocked", publisher.isBlocked())
                .build();
    }
}
