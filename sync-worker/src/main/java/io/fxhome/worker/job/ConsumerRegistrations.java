package io.fxhome.worker.job;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;

/**
 * Which consumer registration of each lane is the current one, learnt from the deliveries: each registration (the lane's
 * consumer on one channel) has a tag of its own, and after the connector reconnects (the broker restarted) its deliveries
 * carry a new one.
 * <p>
 * A delivery tag belongs to the channel that gave it out, but the connector acknowledges on the lane's current channel.
 * A job delivered before a reconnection and settled after it must therefore not be acknowledged: on the new channel
 * its tag names another job (acknowledged before its sync ran) or none, and RabbitMQ then closes that channel for
 * "unknown delivery tag", which requeues every job in flight on it and makes the consumer reconnect again. The broker
 * has already requeued the job with its old channel; its redelivery settles it. ({@code RestartFaultIT}: the broker's
 * log showed these channel errors after a restart.)
 * <p>
 * What this cannot see: a job that settles after the reconnection but before the new registration's first delivery
 * (the broker redelivers the requeued jobs at once, so that window is short) is still acknowledged on the new channel,
 * and the broker may close it once more; the consumer then reconnects again, as before this check.
 */
@ApplicationScoped
public class ConsumerRegistrations {
    /** Registrations remembered per lane: one per reconnection, so a handful at most in practice. */
    private static final int KEPT = 16;
    private final AtomicLong order = new AtomicLong();
    private final Map<String, Map<String, Long>> firstSeenByLane = new ConcurrentHashMap<>();

    /** Notes the registration a delivery came through; its consumer tag (null for a message not from RabbitMQ). */
    public String delivered(String lane, Message<?> message) {
        String tag = consumerTag(message);
        note(lane, tag);
        return tag;
    }

    void note(String lane, String tag) {
        if (tag != null) {
            Map<String, Long> firstSeen = firstSeenByLane.computeIfAbsent(lane, l -> new ConcurrentHashMap<>());
            if (firstSeen.putIfAbsent(tag, order.incrementAndGet()) == null && firstSeen.size() > KEPT) {
                firstSeen.entrySet().stream().min(Map.Entry.comparingByValue())
                        .ifPresent(oldest -> firstSeen.remove(oldest.getKey()));
            }
        }
    }

    /**
     * Whether a later registration of the lane has delivered since: then this delivery's channel is gone. Deliveries are
     * ordered by the registration's first delivery, not by when each one is looked at, so a job of an old registration
     * that reaches the pool late cannot make its registration current again.
     */
    public boolean superseded(String lane, String tag) {
        if (tag == null) {
            return false;
        }
        Map<String, Long> firstSeen = firstSeenByLane.getOrDefault(lane, Map.of());
        Long mine = firstSeen.get(tag);
        if (mine == null) {
            return true; // older than every registration kept
        }
        return firstSeen.values().stream().max(Comparator.naturalOrder()).orElse(mine) > mine;
    }

    private static String consumerTag(Message<?> message) {
        return message instanceof IncomingRabbitMQMessage<?> delivery ? delivery.getRabbitMQMessage().consumerTag() : null;
    }
}
