package io.fxhome.job;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * One AMQP connection of its own, with automatic recovery, and one confirm-mode channel on it: {@link #publish} returns
 * only once the broker confirmed every message of the call. Knows nothing of jobs; {@link SyncJobPublisher} is the job
 * API on top of it.
 * <p>
 * Thread-safe. Callers take a lock only while they hand their messages to the channel and then wait for their confirms
 * without it, so concurrent callers pipeline on the one channel. Connects lazily (first publish or
 * {@link #checkConnection()}), so a process starts while the broker is down. The {@link Declarations} run on the first
 * connect and again after every recovery and after an unroutable message (the broker may have lost them).
 */
final class ConfirmingChannel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConfirmingChannel.class.getName());
    /** How long a failed connection attempt keeps {@link #checkConnection()} from trying again. */
    static final int RECONNECT_PAUSE_SECONDS = 5;

    /** What must exist on the broker before anything is published (exchanges, queues, bindings). */
    @FunctionalInterface
    interface Declarations {
        void declare(Channel channel) throws IOException;
    }

    /** One message to publish ({@code mandatory}: one that no queue takes fails the call). */
    record Message(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
    }

    private final ConnectionFactory factory;
    private final String connectionName;
    private final Declarations declarations;
    private final Duration confirmTimeout;
    private final Clock clock;

    /** Guards connecting and the pairing of a sequence number with its basicPublish. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Publish sequence number on the current channel -> the call waiting for it. */
    private final ConcurrentSkipListMap<Long, PendingConfirms> outstanding = new ConcurrentSkipListMap<>();

    private volatile Connection connection;
    private volatile Channel channel;
    private volatile boolean declared;
    private volatile boolean blocked;
    private volatile boolean closed;
    private volatile long lastFailedConnectMillis = Long.MIN_VALUE / 2;

    /**
     * @param factory broker address, credentials and recovery settings
     * @param connectionName shown in the broker's management UI, e.g. "fxhome-scheduler publisher"
     * @param declarations run before the first publish on every (re)established connection
     * @param confirmTimeout how long a call waits for the broker's confirms after its last message
     */
    ConfirmingChannel(ConnectionFactory factory, String connectionName, Declarations declarations,
            Duration confirmTimeout, Clock clock) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.connectionName = Objects.requireNonNull(connectionName, "connectionName");
        this.declarations = Objects.requireNonNull(declarations, "declarations");
        this.confirmTimeout = Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Publishes every message, then waits once for all their confirms.
     *
     * @throws SyncJobPublishException when not every message was confirmed: not connected, refused (nack),
     *         unroutable, the channel closed, or no confirm in time. Any subset may have been enqueued.
     */
    void publish(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        PendingConfirms pending = new PendingConfirms(messages.size());
        lock.lock();
        try {
            Channel ch = openChannel();
            for (Message message : messages) {
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

    /** True while the connection is open and the broker is not blocking publishers (memory or disk alarm). */
    boolean isConnected() {
        Connection current = connection;
        return current != null && current.isOpen() && !blocked && !closed;
    }

    /** True while the broker has blocked this connection (resource alarm): publishes wait until it lifts. */
    boolean isBlocked() {
        return blocked;
    }

    /**
     * {@link #isConnected()}, after trying to connect first if there never was a connection (at most once per
     * {@value #RECONNECT_PAUSE_SECONDS} s); a lost connection is recovered automatically in the background.
     */
    boolean checkConnection() {
        if (connection == null && !closed
                && clock.millis() - lastFailedConnectMillis >= RECONNECT_PAUSE_SECONDS * 1000L) {
            try {
                lock.lock();
                try {
                    openChannel();
                } finally {
                    lock.unlock();
                }
            } catch (RuntimeException e) {
                // Logged by openChannel; the caller reports not connected.
            }
        }
        return isConnected();
    }

    /** Messages ready in a queue (a passive declare on a short-lived channel); -1 when the broker cannot be asked. */
    long messageCount(String queue) {
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

    /** {@code host:port} of the broker (never the credentials). */
    String address() {
        return factory.getHost() + ":" + factory.getPort();
    }

    private void forget(PendingConfirms pending) {
        if (pending.firstSeqNo >= 0) {
            outstanding.subMap(pending.firstSeqNo, true, pending.lastSeqNo, true).values().removeIf(p -> p == pending);
        }
    }

    /** The confirm-mode channel, connecting and declaring first if needed. Call with the lock held. */
    private Channel openChannel() {
        if (closed) {
            throw new SyncJobPublishException("the sync job publisher is closed");
        }
        try {
            if (connection == null) {
                connect();
            }
            if (!connection.isOpen()) {
                throw new SyncJobPublishException("not connected to RabbitMQ (" + address() + "); recovering");
            }
            if (!declared) {
                try (Channel declaring = connection.createChannel()) {
                    declarations.declare(declaring);
                }
                declared = true;
            }
            if (channel == null || !channel.isOpen()) {
                // A channel-level error (e.g. a deleted exchange) closes the channel for good: start a new one.
                channel = newConfirmChannel();
            }
            return channel;
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            throw new SyncJobPublishException("cannot open a RabbitMQ channel on " + address() + ": " + e.getMessage(),
                    e);
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
                        declared = false;
                        LOG.log(Level.INFO, "RabbitMQ connection recovered");
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable recovering) {
                        // Already here, not only once recovered: the recovered connection may take a publish before
                        // handleRecovery runs.
                        declared = false;
                        LOG.log(Level.WARNING, "RabbitMQ connection lost, recovering");
                    }
                });
            }
            connection = opened;
            declared = false;
            LOG.log(Level.INFO, "{0} connected to {1}", connectionName, address());
        } catch (IOException | TimeoutException e) {
            lastFailedConnectMillis = clock.millis();
            LOG.log(Level.WARNING, "{0} cannot connect to RabbitMQ at {1}: {2}", connectionName, address(),
                    e.toString());
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
            declared = false;
            LOG.log(Level.WARNING, "RabbitMQ returned an unroutable message ({0} {1}) to {2}/{3}",
                    returned.getReplyCode(), returned.getReplyText(), returned.getExchange(), returned.getRoutingKey());
            failAll("a sync job was unroutable (" + returned.getReplyText() + " on " + returned.getExchange() + "/"
                    + returned.getRoutingKey() + ")", null);
        });
        // On a lost connection the broker's confirms for in-flight messages never come, and after recovery the
        // sequence numbers start again at 1: fail every waiting call now.
        created.addShutdownListener(
                cause -> failAll("the RabbitMQ channel closed before confirming: " + cause.getMessage(), cause));
        return created;
    }

    private void settle(long seqNo, boolean multiple, boolean ack) {
        if (multiple) {
            Entry<Long, PendingConfirms> head;
            while ((head = outstanding.firstEntry()) != null && head.getKey() <= seqNo) {
                if (outstanding.remove(head.getKey(), head.getValue())) {
                    settle(head.getValue(), ack);
                }
            }
        } else {
            PendingConfirms pending = outstanding.remove(seqNo);
            if (pending != null) {
                settle(pending, ack);
            }
        }
    }

    private static void settle(PendingConfirms pending, boolean ack) {
        if (ack) {
            pending.ack();
        } else {
            pending.nack();
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
}
