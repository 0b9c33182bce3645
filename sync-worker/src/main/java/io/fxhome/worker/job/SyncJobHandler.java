package io.fxhome.worker.job;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.fxhome.job.InvalidSyncJobException;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobCodec;
import io.fxhome.job.SyncJobPublisher;
import io.fxhome.job.SyncTopology;
import io.fxhome.worker.config.WorkerConfig;
import io.fxhome.worker.run.AccountSyncer;
import io.fxhome.worker.run.SyncOutcome;
import io.fxhome.worker.run.SyncPlan;
import io.fxhome.worker.run.SyncResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Settles one delivery: runs the sync, then acknowledges, or re-publishes the job to a retry tier with a growing delay,
 * or dead-letters it after {@code fxhome.worker.max-attempts}. The retry is published (and confirmed) before the
 * original is acknowledged, so a crash in between duplicates a job at worst (dropped cheaply by the lease), never
 * loses one. If even the retry cannot be published, the delivery is nacked and the broker delivers it again.
 */
@ApplicationScoped
public class SyncJobHandler {
    private final AccountSyncer syncer;
    private final SyncJobPublisher publisher;
    private final SyncTopology topology;
    private final WorkerConfig config;
    private final MeterRegistry metrics;
    private final ConsumerChannels channels;
    private final Counter superseded;
    /** Jobs by outcome, registered once rather than looked up per job (a fleet's profile, docs/benchmarks.md). */
    private final Map<SyncOutcome.Kind, Counter> jobs = new EnumMap<>(SyncOutcome.Kind.class);

    public SyncJobHandler(AccountSyncer syncer, SyncJobPublisher publisher, SyncTopology topology, WorkerConfig config,
            MeterRegistry metrics, ConsumerChannels channels) {
        this.syncer = syncer;
        this.publisher = publisher;
        this.topology = topology;
        this.config = config;
        this.metrics = metrics;
        this.channels = channels;
        this.superseded = metrics.counter("fxhome.worker.deliveries.superseded");
        for (SyncOutcome.Kind kind : SyncOutcome.Kind.values()) {
            jobs.put(kind, metrics.counter("fxhome.worker.jobs", "outcome", kind.name().toLowerCase(Locale.ROOT)));
        }
    }

    public CompletionStage<Void> handle(Message<?> message, Delivery delivery) {
        SyncJob job;
        byte[] body = MessageBodies.bytes(message.getPayload());
        try {
            job = SyncJobCodec.decode(body);
        } catch (InvalidSyncJobException e) {
            return deadLetterUnreadable(message, delivery, body, e);
        }
        SyncResult result;
        try {
            result = syncer.sync(job);
        } catch (RuntimeException e) {
            Log.errorf(e, "sync of account %s failed unexpectedly", job.accountId());
            result = new SyncResult(SyncOutcome.retry("unexpected: " + e.getClass().getSimpleName()), job);
        }
        SyncOutcome outcome = result.outcome();
        jobs.get(outcome.kind()).increment();
        try {
            switch (SyncPlan.settle(outcome, result.settles(), topology, config.maxAttempts())) {
                case SyncPlan.Ack ack -> {
                    // Nothing to publish: the acknowledgement below settles it.
                }
                case SyncPlan.RetryLater retry -> {
                    publisher.publishRetry(retry.next(), retry.tier());
                    Log.infof("account %s: retry %d in %s: %s", job.accountId(), retry.next().attempt(),
                            retry.tier().delay(), outcome.reason());
                }
                case SyncPlan.DeadLetter dead -> {
                    publisher.publishDead(dead.next(), outcome.reason());
                    syncer.recordDeadLetter(result.settles(), outcome.reason());
                    Log.warnf("account %s: job dead-lettered after %d attempts: %s", job.accountId(),
                            dead.next().attempt(), outcome.reason());
                }
            }
            return settled(delivery, "account " + job.accountId()) ? message.ack() : CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            Log.errorf("account %s: could not re-publish the job (%s); the broker will deliver it again", job.accountId(),
                    e.getMessage());
            return settled(delivery, "account " + job.accountId()) ? message.nack(e) : CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Whether the delivery can be acknowledged (or nacked) here: not when it came through a channel the connector has
     * closed since (ConsumerChannels), where the broker already requeued it and delivers it again.
     */
    private boolean settled(Delivery delivery, String what) {
        if (!channels.superseded(delivery.consumerTag())) {
            return true;
        }
        superseded.increment();
        Log.infof("%s: the job came through a channel of lane %s that has closed since; the broker requeued it, and"
                + " its redelivery settles it", what, delivery.lane());
        return false;
    }

    /**
     * Nothing any worker could do with it: parked at once with its reason, for operators, then acknowledged. A nack
     * would requeue it (the lanes' failure strategy, right for a job whose retry could not be published) and loop on it
     * until the queue's delivery limit, an error every time. Only if even the dead-lettering fails is it nacked.
     */
    private CompletionStage<Void> deadLetterUnreadable(Message<?> message, Delivery delivery, byte[] body,
            InvalidSyncJobException e) {
        metrics.counter("fxhome.worker.jobs", "outcome", "invalid").increment();
        try {
            publisher.publishUnreadable(body, e.getMessage());
        } catch (RuntimeException publishFailure) {
            Log.errorf("an unreadable sync job (%s) could not be dead-lettered (%s); the broker will deliver it again",
                    e.getMessage(), publishFailure.getMessage());
            return settled(delivery, "an unreadable job") ? message.nack(e) : CompletableFuture.completedFuture(null);
        }
        Log.warnf("dead-lettered an unreadable sync job (%d bytes): %s", body.length, e.getMessage());
        return settled(delivery, "an unreadable job") ? message.ack() : CompletableFuture.completedFuture(null);
    }
}
