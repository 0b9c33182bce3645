package io.fxhome.worker.job;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;

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

    public SyncJobConsumer(SyncJobHandler handler) {
        this.handler = handler;
    }

    @Incoming(INTERACTIVE)
    @Blocking(value = "sync-pool", ordered = false)
    public CompletionStage<Void> interactive(Message<Object> message) {
        return handler.handle(message, new Delivery(INTERACTIVE, consumerTag(message)));
    }

    @Incoming(SCHEDULED)
    @Blocking(value = "sync-pool", ordered = false)
    public CompletionStage<Void> scheduled(Message<Object> message) {
        return handler.handle(message, new Delivery(SCHEDULED, consumerTag(message)));
    }

    /** The registration a delivery came through (null for a message not from RabbitMQ). */
    private static String consumerTag(Message<?> message) {
        return message instanceof IncomingRabbitMQMessage<?> delivery ? delivery.getRabbitMQMessage().consumerTag() : null;
    }
}
