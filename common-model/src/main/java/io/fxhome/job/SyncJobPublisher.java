package io.fxhome.job;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The sync job API: puts jobs on their lane, in a retry tier or in the dead-letter queue, and returns only once the
 * broker has confirmed them: persistent messages (delivery mode 2) on durable quorum queues with publisher confirms,
 * so a returned call means every job is on disk (and replicated). The AMQP side (one self-recovering connection, the
 * confirm-mode channel, the waiting for confirms) is {@link ConfirmingChannel}'s; the topology is declared on it on
 * first connect and again after every recovery.
 * <p>
 * Thread-safe. Plain Java: {@link SyncJobPublisherProducer} makes it a CDI bean from configuration.
 */
public final class SyncJobPublisher implements AutoCloseable {
    private static final int MAX_REASON_LENGTH = 500;

    private final SyncTopology topology;
    private final String connectionName;
    private final Clock clock;
    private final ConfirmingChannel channel;

    /**
     * @param settings broker address and credentials
     * @param topology exchanges and queues to declare and route to
     * @param confirmTimeout how long a call waits for the broker's confirms after its last message
     * @param connectionName shown in the broker's management UI, e.g. "fxhome-scheduler publisher"
     */
    public SyncJobPublisher(RabbitConnectionSettings settings, SyncTopology topology, Duration confirmTimeout,
            String connectionName) {
        this(settings.connectionFactory(), topology, confirmTimeout, connectionName, Clock.systemUTC());
    }

    SyncJobPublisher(ConnectionFactory factory, SyncTopology topology, Duration confirmTimeout, String connectionName,
            Clock clock) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.connectionName = Objects.requireNonNull(connectionName, "connectionName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.channel = new ConfirmingChannel(factory, connectionName, topology::declare, confirmTimeout, clock);
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
        List<ConfirmingChannel.Message> messages = new ArrayList<>(jobs.size());
        for (SyncJob job : jobs) {
            messages.add(message(topology.exchange(), job, Map.of()));
        }
        channel.publish(messages);
    }

    /**
     * Parks a job in a retry tier; it comes back to its lane after the tier's delay. Pass the job as it should be
     * delivered next time, normally {@code failed.nextAttempt()}, and {@code topology().retryTierFor(next.attempt())}.
     */
    public void publishRetry(SyncJob job, RetryTier tier) {
        if (topology.retryTierNamed(tier.name()).filter(tier::equals).isEmpty()) {
            throw new IllegalArgumentException("retry tier " + tier.name() + " is not part of " + topology);
        }
        Map<String, Object> header = Map.of(SyncMessageHeaders.RETRY_TIER, tier.name());
        channel.publish(List.of(message(topology.retryExchange(), job, header)));
    }

    /** Parks a job in the dead-letter queue with a reason for operators (which must not contain any secret). */
    public void publishDead(SyncJob job, String reason) {
        Map<String, Object> header = Map.of(SyncMessageHeaders.DEAD_REASON, shortReason(reason));
        channel.publish(List.of(message(topology.deadExchange(), job, header)));
    }

    /**
     * Parks a message that is no job at all (not JSON, another schema, no account id) in the dead-letter queue, its
     * body as it came, with the reason it could not be read: no worker could ever act on it, so retrying it only loops.
     */
    public void publishUnreadable(byte[] body, String reason) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/octet-stream")
                .deliveryMode(2)
                .timestamp(new Date(clock.millis()))
                .appId(connectionName)
                .headers(Map.of(SyncMessageHeaders.DEAD_REASON, shortReason(reason)))
                .build();
        channel.publish(List.of(new ConfirmingChannel.Message(topology.deadExchange(), topology.deadQueue(), properties,
                body)));
    }

    private static String shortReason(String reason) {
        return reason == null ? "" : reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    }

    /** True while the connection is open and the broker is not blocking publishers (memory or disk alarm). */
    public boolean isConnected() {
        return channel.isConnected();
    }

    /** True while the broker has blocked this connection (resource alarm): publishes wait until it lifts. */
    public boolean isBlocked() {
        return channel.isBlocked();
    }

    /**
     * {@link #isConnected()}, after trying to connect first if there never was a connection (at most once per
     * {@value ConfirmingChannel#RECONNECT_PAUSE_SECONDS} s); a lost connection is recovered automatically in the
     * background.
     */
    public boolean checkConnection() {
        return channel.checkConnection();
    }

    /** Messages ready in a queue (a passive declare on a short-lived channel); -1 when the broker cannot be asked. */
    public long messageCount(String queue) {
        return channel.messageCount(queue);
    }

    /** "account@requestedAt#attempt": one job published twice (a crash before the account was stamped) has one id. */
    public static String messageId(SyncJob job) {
        return job.accountId() + "@" + job.requestedAt() + "#" + job.attempt();
    }

    /** The job, routed by its lane, persistent, with its version header and any {@code extraHeaders}. */
    private ConfirmingChannel.Message message(String exchange, SyncJob job, Map<String, Object> extraHeaders) {
        Map<String, Object> headers = new HashMap<>(extraHeaders);
        headers.put(SyncMessageHeaders.JOB_VERSION, job.version());
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(SyncMessageHeaders.CONTENT_TYPE)
                .deliveryMode(2)
                .messageId(messageId(job))
                .timestamp(new Date(clock.millis()))
                .appId(connectionName)
                .headers(Map.copyOf(headers))
                .build();
        return new ConfirmingChannel.Message(exchange, topology.laneFor(job), properties, SyncJobCodec.encode(job));
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "SyncJobPublisher[" + connectionName + ", " + channel.address() + ", " + topology + "]";
    }
}
