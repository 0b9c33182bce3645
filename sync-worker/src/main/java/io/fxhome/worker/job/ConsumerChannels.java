package io.fxhome.worker.job;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.NoOpMetricsCollector;

/**
 * The broker channel each consumer registration delivers through, told by the RabbitMQ client itself (installed as its
 * metrics collector by {@link ConsumerChannelsInstaller}), so that a job can be settled only on the channel that gave
 * it out.
 * <p>
 * A delivery tag belongs to the channel that gave it out, but the connector acknowledges on the lane's current channel.
 * A job delivered before the connector reconnected (the broker restarted) and settled after it must therefore not be
 * acknowledged: on the new channel its tag names another job (acknowledged before its sync ran) or none, and RabbitMQ
 * then closes that channel for "unknown delivery tag", which requeues every job in flight on it and makes the consumer
 * reconnect again. The broker has already requeued the job with its old channel; its redelivery settles it.
 * <p>
 * The client calls {@link #basicConsume} when the broker confirms a registration, before that registration's first
 * delivery, and marks a channel closed before its connection's shutdown listeners (among them the reconnection) run:
 * a job whose channel is closed is never acknowledged on a later one. ({@code RestartFaultIT}: learning registrations
 * from their first delivery left a window after each reconnection, and the broker's log showed the channel errors.)
 */
@ApplicationScoped
public class ConsumerChannels extends NoOpMetricsCollector {
    /** Registrations remembered: one per lane and reconnection, so far more than a sync's lifetime can see. */
    private static final int KEPT = 1_024;
    private final Map<String, Channel> channelByConsumerTag = new LinkedHashMap<>();

    @Override
    public void basicConsume(Channel channel, String consumerTag, boolean autoAck) {
        synchronized (channelByConsumerTag) {
            channelByConsumerTag.put(consumerTag, channel);
            if (channelByConsumerTag.size() > KEPT) {
                forgetOneClosed();
            }
        }
    }

    /**
     * Whether the delivery's channel is closed: then the connector would acknowledge it on another. False for a
     * registration this client never saw (a message not from RabbitMQ, or another metrics collector configured).
     */
    public boolean superseded(String consumerTag) {
        if (consumerTag == null) {
            return false;
        }
        Channel channel;
        synchronized (channelByConsumerTag) {
            channel = channelByConsumerTag.get(consumerTag);
        }
        return channel != null && !channel.isOpen();
    }

    /** Registrations whose channel is open: one per lane on a consuming worker. */
    public int openRegistrations() {
        synchronized (channelByConsumerTag) {
            return (int) channelByConsumerTag.values().stream().filter(Channel::isOpen).count();
        }
    }

    private void forgetOneClosed() {
        for (Iterator<Channel> channels = channelByConsumerTag.values().iterator(); channels.hasNext();) {
            if (!channels.next().isOpen()) {
                channels.remove();
                return;
            }
        }
    }
}
