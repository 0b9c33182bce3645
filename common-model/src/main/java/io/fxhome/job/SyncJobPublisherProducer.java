package io.fxhome.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the {@link SyncTopology} and the {@link SyncJobPublisher} CDI beans, configured as Quarkus configures RabbitMQ. */
@ApplicationScoped
public class SyncJobPublisherProducer {

    @Produces
    @Singleton
    SyncTopology syncTopology(SyncJobsConfig config) {
        return config.topology();
    }

    @Produces
    @Singleton
    RabbitConnectionSettings rabbitConnectionSettings(
            @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int port,
            @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest") String username,
            @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest") String password,
            @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/") String virtualHost) {
        return new RabbitConnectionSettings(host, port, username, password, virtualHost);
    }

    /** Connects lazily (first publish or health check), so the process starts even while the broker is down. */
    @Produces
    @Singleton
    SyncJobPublisher syncJobPublisher(RabbitConnectionSettings settings, SyncTopology topology, SyncJobsConfig config,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "fxhome") String applicationName) {
        return new SyncJobPublisher(settings, topology, config.confirmTimeout(), applicationName + " publisher");
    }

    void close(@Disposes SyncJobPublisher publisher) {
        publisher.close();
    }
}
