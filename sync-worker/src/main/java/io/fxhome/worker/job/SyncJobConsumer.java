package io.fxhome.worker.job;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Takes sync jobs from the two lanes. Both run on the {@code sync-pool} worker pool, whose size and the lanes' prefetch
 * follow the heap (see WorkerConcurrencyConfigSourceFactory); the interactive lane has slots of its own, so a user
 * waiting on the screen never queues behind scheduled work. A message is acknowledged only once its job is settled.
 */
@ApplicationScoped
public class SyncJobConsumer {
    private static final String INTERACTIVE = "sync-interactive";
    private static final String SCHEDULED = "sync-scheduled";
    private final SyncJobHandler handler;
    private final ConsumerRegistrations registrations;

    public SyncJobConsumer(SyncJobHandler handler, ConsumerRegistrations registrations) {
        this.handler = handler;
        this.registrations = registrations;
    }

    @Incoming(INTERACTIVE)
    @Blocking(value = "sync-pool", ordered = false)
    public CompletionStage<Void> interactive(Message<Object> message) {
        return handler.handle(message, new Delivery(INTERACTIVE, registrations.delivered(INTERACTIVE, message)));
    }

    @Incoming(SCHEDULED)
    @Blocking(value = "sync-pool", ordered = false)
    public CompletionStage<Void> scheduled(Message<Object> message) {
        return handler.handle(message, new Delivery(SCHEDULED, registrations.delivered(SCHEDULED, message)));
    }
}
