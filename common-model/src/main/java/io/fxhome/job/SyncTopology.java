package io.fxhome.job;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

/**
 * The RabbitMQ topology of sync jobs, declared idempotently with the same arguments by every process that touches it
 * (RabbitMQ refuses a redeclaration with different arguments, so these arguments live here and nowhere else):
 * <ul>
 * <li>direct exchange {@code <ns>} routing by routing key = lane queue name;</li>
 * <li>two durable quorum queues, the lanes {@code <ns>.interactive} and {@code <ns>.scheduled}, dead-lettering to
 * {@code <ns>.dead} (a worker's reject, or a job redelivered more than {@link #DELIVERY_LIMIT} times, e.g. one that
 * crashes the worker every time);</li>
 * <li>headers exchange {@code <ns>.retry} and one durable queue per retry tier, {@code <ns>.retry.<tier>}, with a
 * queue-level TTL and dead-lettering to {@code <ns>} with the job's original routing key, i.e. back to its lane;</li>
 * <li>fanout exchange {@code <ns>.dead} and durable quorum queue {@code <ns>.dead}.</li>
 * </ul>
 * With the default namespace {@code fxhome.sync} the names are those of {@link SyncQueues}.
 */
public final class SyncTopology {
    public static final String DEFAULT_NAMESPACE = SyncQueues.EXCHANGE;
    /** 30 s, 2 min, 10 min, 1 h, 6 h: roughly Firefox's own error backoff (15 min to 8 h), started sooner. */
    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6));
    /** Quorum queues dead-letter a message after this many redeliveries (worker crashes, unacked on shutdown). */
    public static final int DELIVERY_LIMIT = 20;

    private final String namespace;
    private final List<RetryTier> retryTiers;

    private SyncTopology(String namespace, List<RetryTier> retryTiers) {
        this.namespace = namespace;
        this.retryTiers = retryTiers;
    }

    /** The production topology: the names of {@link SyncQueues} and {@link #DEFAULT_RETRY_DELAYS}. */
    public static SyncTopology standard() {
        return of(DEFAULT_NAMESPACE, DEFAULT_RETRY_DELAYS);
    }

    /**
     * @param namespace prefix of every name ({@code fxhome.sync} in production)
     * @param retryDelays the retry tiers' delays, shortest first, no two equal
     */
    public static SyncTopology of(String namespace, List<Duration> retryDelays) {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isBlank() || namespace.length() > 200) {
            throw new IllegalArgumentException("namespace must be 1..200 characters");
        }
        if (retryDelays == null || retryDelays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry delay is needed");
        }
        List<RetryTier> tiers = new ArrayList<>();
        var names = new HashSet<String>();
        Duration previous = Duration.ZERO;
        for (Duration delay : retryDelays) {
            if (delay.compareTo(previous) <= 0) {
                throw new IllegalArgumentException("retry delays must grow strictly: " + retryDelays);
            }
            String name = RetryTier.nameOf(delay);
            if (!names.add(name)) {
                throw new IllegalArgumentException("two retry delays with the same name " + name);
            }
            tiers.add(new RetryTier(name, delay, namespace + ".retry." + name));
            previous = delay;
        }
        return new SyncTopology(namespace, List.copyOf(tiers));
    }

    public String namespace() {
        return namespace;
    }

    /** The direct work exchange. */
    public String exchange() {
        return namespace;
    }

    public String interactiveQueue() {
        return namespace + ".interactive";
    }

    public String scheduledQueue() {
        return namespace + ".scheduled";
    }

    public String retryExchange() {
        return namespace + ".retry";
    }

    public String deadExchange() {
        return namespace + ".dead";
    }

    public String deadQueue() {
        return namespace + ".dead";
    }

    /** The lane queue (and routing key) of a job: interactive for a waiting user, scheduled otherwise. */
    public String laneFor(SyncReason reason) {
        return reason.interactive() ? interactiveQueue() : scheduledQueue();
    }

    public String laneFor(SyncJob job) {
        return laneFor(job.reason());
    }

    /** The retry tiers, shortest delay first. */
    public List<RetryTier> retryTiers() {
        return retryTiers;
    }

    /**
     * The tier for the given retry: attempt 1 (the first retry, {@code job.attempt()} after one
     * {@link SyncJob#nextAttempt()}) waits in the shortest tier, attempt 2 in the next, and every attempt beyond the
     * last tier in the longest one. Deciding when to stop retrying and dead-letter is the worker's call.
     */
    public RetryTier retryTierFor(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("retry attempts count from 1, got " + attempt);
        }
        return retryTiers.get(Math.min(attempt, retryTiers.size()) - 1);
    }

    /** The queue of {@link #retryTierFor(int)}. */
    public String retryQueueFor(int attempt) {
        return retryTierFor(attempt).queue();
    }

    /** The tier with this name, if configured (for a message that carries {@link SyncMessageHeaders#RETRY_TIER}). */
    public Optional<RetryTier> retryTierNamed(String name) {
        return retryTiers.stream().filter(tier -> tier.name().equals(name)).findFirst();
    }

    /** Every queue of this topology (for operators' checks and tests' cleanup). */
    public List<String> queueNames() {
        List<String> names = new ArrayList<>(List.of(interactiveQueue(), scheduledQueue(), deadQueue()));
        retryTiers.forEach(tier -> names.add(tier.queue()));
        return List.copyOf(names);
    }

    /** Every exchange of this topology. */
    public List<String> exchangeNames() {
        return List.of(exchange(), retryExchange(), deadExchange());
    }

    /**
     * Declares everything; idempotent, and safe to run from several processes at once. Fails with the broker's
     * PRECONDITION_FAILED (which closes the channel) if a queue exists with other arguments.
     */
    public void declare(Channel channel) throws IOException {
        channel.exchangeDeclare(exchange(), BuiltinExchangeType.DIRECT, true);
        channel.exchangeDeclare(retryExchange(), BuiltinExchangeType.HEADERS, true);
        channel.exchangeDeclare(deadExchange(), BuiltinExchangeType.FANOUT, true);

        Map<String, Object> lane = Map.of(
                "x-queue-type", "quorum",
                "x-dead-letter-exchange", deadExchange(),
                "x-delivery-limit", DELIVERY_LIMIT);
        for (String queue : List.of(interactiveQueue(), scheduledQueue())) {
            channel.queueDeclare(queue, true, false, false, lane);
            channel.queueBind(queue, exchange(), queue);
        }

        // Classic queues: the TTL is the same for every message of a tier, so messages expire in order at the head.
        for (RetryTier tier : retryTiers) {
            channel.queueDeclare(tier.queue(), true, false, false, Map.of(
                    "x-message-ttl", (int) tier.delay().toMillis(),
                    "x-dead-letter-exchange", exchange()));
            channel.queueBind(tier.queue(), retryExchange(), "",
                    Map.of("x-match", "all", SyncMessageHeaders.RETRY_TIER, tier.name()));
        }

        channel.queueDeclare(deadQueue(), true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueBind(deadQueue(), deadExchange(), "");
    }

    @Override
    public String toString() {
        return "SyncTopology[" + namespace + ", retry tiers " + retryTiers.stream().map(RetryTier::name).toList() + "]";
    }
}
