package io.fxhome.job;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Puts sync jobs on RabbitMQ and returns only once the broker has confirmed them: persistent messages (delivery mode
 * 2) on durable quorum queues with publisher confirms, so a returned call means every job is on disk (and replicated).
 * <p>
 * Thread-safe. One AMQP connection of its own with automatic recovery, one confirm-mode channel; callers take a lock
 * only while they hand their messages to the channel and then wait for their confirms without it, so concurrent
 * callers pipeline on the one channel. The topology is declared on first connect and again after every recovery.
 * Plain Java: {@link SyncJobPublisherProducer} makes it a CDI bean from configuration.
 */
public final class SyncJobPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SyncJobPublisher.class.getName());
    /** How long a failed connection attempt keeps a health check from trying again. */
    static final int RECONNECT_PAUSE_SECONDS = 5;
    private static final int MAX_REASON_LENGTH = 500;

    private final ConnectionFactory factory;
    private final SyncTopology topology;
    private final Duration confirmTimeout;
    private final String connectionName;
    private final Clock clock;

    /** Guards connecting and the pairing of a sequence number with its basicPublish. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Publish sequence number on the current channel -> the call waiting for it. */
    private final ConcurrentSkipListMap<Long, PendingConfirms> outstanding = new ConcurrentSkipListMap<>();

    private volatile Connection connection;
    private volatile Channel channel;
    private volatile boolean topologyDeclared;
    private volatile boolean blocked;
    private volatile boolean closed;
    private volatile long lastFailedConnectMillis = Long.MIN_VALUE / 2;

    /**
     * @param settings broker address and credentials
     * @param topology exchanges and queues to declare and route to
     * @param confirmTimeout how long a call waits for the broker's confirms after its last message
     * @param connectionName shown in the broker's management UI, e.g. "fxhome-scheduler publisher"
     */
    public SyncJobPublisher(RabbitConnectionSettings settings, SyncTopology topology, Duration confirmTimeout, String connectionName) {
        this(settings.connectionFactory(), topology, confirmTimeout, connectionName, Clock.systemUTC());
    }

    SyncJobPublisher(ConnectionFactory factory, SyncTopology topology, Duration confirmTimeout, String connectionName, Clock clock) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.topology = Objects.requireNonNull(topology, "topology");
        this.confirmTimeout = Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        this.connectionName = Objects.requireNonNull(connectionName, "connectionName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SyncTopology topology() {
        return topology;
    }

    /** Publishes one job to its lane and waits for the broker's confirm. */
    public void publish(SyncJob job) {
        publishAll(List.of(job));
    }

    /**
     * Publishes every job to its lane, then waits once for all confirms: many times faster than one
     * {@link #publish(SyncJob)} after another. On an exception any subset of the jobs may have been enqueued.
     */
    public void publishAll(List<SyncJob> jobs) {
        List<Outgoing> messages = new ArrayList<>(jobs.size());
        for (SyncJob job : jobs) {
            messages.add(new Outgoing(topology.exchange(), topology.laneFor(job), properties(job, Map.of()), SyncJobCodec.encode(job)));
        }
        send(messages);
    }

    /**
     * Parks a job in a retry tier; it comes back to its lane after the tier's delay. Pass the job as it should be
     * delivered next time, normally {@code failed.nextAttempt()}, and {@code topology().retryTierFor(next.attempt())}.
     */
    public void publishRetry(SyncJob job, RetryTier tier) {
        if (topology.retryTierNamed(tier.name()).filter(tier::equals).isEmpty()) {
            throw new IllegalArgumentException("retry tier " + tier.name() + " is not part of " + topology);
        }
        send(List.of(new Outgoing(topology.retryExchange(), topology.laneFor(job),
                properties(job, Map.of(SyncMessageHeaders.RETRY_TIER, tier.name())), SyncJobCodec.encode(job))));
    }

    /** Parks a job in the dead-letter queue with a reason for operators (which must not contain any secret). */
    public void publishDead(SyncJob job, String reason) {
        String shortReason = reason == null ? "" : reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        send(List.of(new Outgoing(topology.deadExchange(), topology.laneFor(job),
                properties(job, Map.of(SyncMessageHeaders.DEAD_REASON, shortReason)), SyncJobCodec.encode(job))));
    }

    /** True while the connection is open and the broker is not blocking publishers (memory or disk alarm). */
    public boolean isConnected() {
        Connection current = connection;
        return current != null && current.isOpen() && !blocked && !closed;
    }

    /** True while the broker has blocked this connection (resource alarm): publishes wait until it lifts. */
    public boolean isBlocked() {
        return blocked;
    }

    /**
     * {@link #isConnected()}, after trying to connect first if there never was a connection (at most once per
     * {@value #RECONNECT_PAUSE_SECONDS} s); a lost connection is recovered automatically in the background.
     */
    public boolean checkConnection() {
        if (connection == null && !closed && clock.millis() - lastFailedConnectMillis >= RECONNECT_PAUSE_SECONDS * 1000L) {
            try {
                lock.lock();
                try {
                    openChannel();
                } finally {
                    lock.unlock();
                }
            } catch (RuntimeException e) {
                // Logged by openChannel; the health check reports DOWN.
            }
        }
        return isConnected();
    }

    /** Messages ready in a queue (a passive declare on a short-lived channel), or -1 when the broker cannot be asked. */
    public long messageCount(String queue) {
        Connection current = connection;
        if (current == null || !current.isOpen()) {
            return -1;
        }
        try (Channel ch = current.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            return -1;
        }
    }

    private AMQP.BasicProperties properties(SyncJob job, Map<String, Object> extraHeaders) {
        Map<String, Object> headers = extraHeaders.isEmpty()
                ? Map.of(SyncMessageHeaders.JOB_VERSION, job.version())
                : merge(Map.of(SyncMessageHeaders.JOB_VERSION, job.version()), extraHeaders);
        return new AMQP.BasicProperties.Builder()
                .contentType(SyncMessageHeaders.CONTENT_TYPE)
                .deliveryMode(2)
                .messageId(messageId(job))
                .timestamp(new Date(clock.millis()))
                .appId(connectionName)
                .headers(headers)
                .build();
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        var merged = new HashMap<String, Object>(a);
        merged.putAll(b);
        return merged;
    }

    /** "account@requestedAt#attempt": the same job published twice (a crash before the account was stamped) has one id. */
    public static String messageId(SyncJob job) {
        return job.accountId() + "@" + job.requestedAt() + "#" + job.attempt();
    }

    private void send(List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return;
        }
        PendingConfirms pending = new PendingConfirms(messages.size());
        lock.lock();
        try {
            Channel ch = openChannel();
            for (Outgoing message : messages) {
                long seqNo = ch.getNextPublishSeqNo();
                if (pending.firstSeqNo < 0) {
                    pending.firstSeqNo = seqNo;
                }
                pending.lastSeqNo = seqNo;
                outstanding.put(seqNo, pending);
                // mandatory: a message no queue takes comes back (basic.return) instead of vanishing.
                ch.basicPublish(message.exchange(), message.routingKey(), true, message.properties(), message.body());
            }
        } catch (IOException | AlreadyClosedException e) {
            forget(pending);
            throw new SyncJobPublishException("cannot publish " + messages.size() + " sync jobs: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        try {
            pending.await(confirmTimeout);
        } catch (SyncJobPublishException e) {
            forget(pending);
            throw e;
        }
    }

    private void forget(PendingConfirms pending) {
        if (pending.firstSeqNo >= 0) {
            outstanding.subMap(pending.firstSeqNo, true, pending.lastSeqNo, true).values().removeIf(p -> p == pending);
        }
    }

    /** The confirm-mode channel, connecting and declaring the topology first if needed. Call with the lock held. */
    private Channel openChannel() {
        if (closed) {
            throw new SyncJobPublishException("the sync job publisher is closed");
        }
        try {
            if (connection == null) {
                connect();
            }
            if (!connection.isOpen()) {
                throw new SyncJobPublishException("not connected to RabbitMQ (" + factory.getHost() + ":" + factory.getPort() + "); recovering");
            }
            if (!topologyDeclared) {
                try (Channel declaring = connection.createChannel()) {
                    topology.declare(declaring);
                }
                topologyDeclared = true;
            }
            if (channel == null || !channel.isOpen()) {
                // A channel-level error (e.g. a deleted exchange) closes the channel for good: start a new one.
                channel = newConfirmChannel();
            }
            return channel;
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            throw new SyncJobPublishException("cannot open a RabbitMQ channel on " + factory.getHost() + ":" + factory.getPort() + ": " + e.getMessage(), e);
        }
    }

    private void connect() throws IOException, TimeoutException {
        try {
            Connection opened = factory.newConnection(connectionName);
            opened.addBlockedListener(new BlockedListener() {
                @Override
                public void handleBlocked(String reason) {
                    blocked = true;
                    LOG.log(Level.WARNING, "RabbitMQ blocks publishing: {0}", reason);
                }

                @Override
                public void handleUnblocked() {
                    blocked = false;
                    LOG.log(Level.INFO, "RabbitMQ unblocked publishing");
                }
            });
            if (opened instanceof Recoverable recoverable) {
                recoverable.addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable recovered) {
                        // The broker may have lost non-durable state or been replaced: declare again before publishing.
                        topologyDeclared = false;
                        LOG.log(Level.INFO, "RabbitMQ connection recovered");
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable recovering) {
                        LOG.log(Level.WARNING, "RabbitMQ connection lost, recovering");
                    }
                });
            }
            connection = opened;
            topologyDeclared = false;
            LOG.log(Level.INFO, "sync job publisher connected to {0}:{1} ({2})", factory.getHost(), String.valueOf(factory.getPort()), topology);
        } catch (IOException | TimeoutException e) {
            lastFailedConnectMillis = clock.millis();
            LOG.log(Level.WARNING, "sync job publisher cannot connect to RabbitMQ at {0}:{1}: {2}",
                    factory.getHost(), String.valueOf(factory.getPort()), e.toString());
            throw e;
        }
    }

    private Channel newConfirmChannel() throws IOException {
        Channel created = connection.createChannel();
        created.confirmSelect();
        created.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long seqNo, boolean multiple) {
                settle(seqNo, multiple, true);
            }

            @Override
            public void handleNack(long seqNo, boolean multiple) {
                settle(seqNo, multiple, false);
            }
        });
        created.addReturnListener(returned -> {
            // Nothing routes it: the topology is gone (deleted by hand, broker reset). Fail every waiting call (we
            // cannot tell which one it belongs to; a retry only risks duplicates) and declare again next time.
            topologyDeclared = false;
            LOG.log(Level.WARNING, "RabbitMQ returned an unroutable sync job ({0} {1}) to {2}/{3}",
                    returned.getReplyCode(), returned.getReplyText(), returned.getExchange(), returned.getRoutingKey());
            failAll("a sync job was unroutable (" + returned.getReplyText() + " on " + returned.getExchange() + "/" + returned.getRoutingKey() + ")", null);
        });
        // On a lost connection the broker's confirms for in-flight messages never come, and after recovery the
        // sequence numbers start again at 1: fail every waiting call now.
        created.addShutdownListener(cause -> failAll("the RabbitMQ channel closed before confirming: " + cause.getMessage(), cause));
        return created;
    }

    private void settle(long seqNo, boolean multiple, boolean ack) {
        if (multiple) {
            Entry<Long, PendingConfirms> head;
            while ((head = outstanding.firstEntry()) != null && head.getKey() <= seqNo) {
                if (outstanding.remove(head.getKey(), head.getValue())) {
                    if (ack) {
                        head.getValue().ack();
                    } else {
                        head.getValue().nack();
                    }
                }
            }
        } else {
            PendingConfirms pending = outstanding.remove(seqNo);
            if (pending != null) {
                if (ack) {
                    pending.ack();
                } else {
                    pending.nack();
                }
            }
        }
    }

    private void failAll(String reason, Throwable cause) {
        Entry<Long, PendingConfirms> entry;
        while ((entry = outstanding.pollFirstEntry()) != null) {
            entry.getValue().fail(reason, cause);
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            Connection current = connection;
            connection = null;
            channel = null;
            if (current != null) {
                try {
                    current.close(5_000);
                } catch (IOException | AlreadyClosedException e) {
                    LOG.log(Level.DEBUG, "closing the RabbitMQ connection: {0}", e.toString());
                }
            }
        } finally {
            lock.unlock();
        }
        failAll("the sync job publisher closed", null);
    }

    @Override
    public String toString() {
        return "SyncJobPublisher[" + connectionName + ", " + factory.getHost() + ":" + factory.getPort() + ", " + topology + "]";
    }

    private record Outgoing(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
    }
}
