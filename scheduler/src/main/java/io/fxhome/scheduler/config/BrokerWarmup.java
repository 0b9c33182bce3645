package io.fxhome.scheduler.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.fxhome.job.SyncJobPublisher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Connects the publisher and declares the topology at start, so readiness is known at once; a down broker is no error. */
@ApplicationScoped
public class BrokerWarmup {
    void connect(@Observes StartupEvent event, SyncJobPublisher publisher) {
        if (!publisher.checkConnection()) {
            Log.warnf("RabbitMQ is not reachable yet; %s stays not ready and retries", publisher);
        }
    }
}
