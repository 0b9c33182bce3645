package io.fxhome.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.fxhome.shard.ShardRouter;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * "Sync this account now", for the web app (sign-in, first link, the sync button) and operators: runs the
 * {@link InteractiveSyncGate} on the account's shard in a transaction of its own, committed only after the broker
 * confirmed.
 */
@ApplicationScoped
public class InteractiveSyncService {
    /** The account's row is on its shard. */
    @Inject
    ShardRouter shards;
    @Inject
    SyncJobPublisher publisher;
    @Inject
    SyncJobsConfig config;
    /** The application's clock if it has one (tests control time through it), else the system clock. */
    @Inject
    Instance<Clock> clock;

    private InteractiveSyncGate gate;

    @PostConstruct
    void init() {
        gate = new InteractiveSyncGate(publisher, clock.isResolvable() ? clock.get() : Clock.systemUTC(),
                config.interactive().minInterval(), config.interactive().nextScheduledAfter());
    }

    /**
     * Un-pauses the account if it was paused for disuse, records the use, and enqueues one job on the interactive
     * lane, unless another was enqueued within {@code fxhome.jobs.interactive.min-interval}.
     *
     * <p>
     * Runs in a new transaction (an open one of the caller is suspended meanwhile): call it after the account row is
     * committed (e.g. after a first link), or it will not see the account, or wait on the caller's own row lock.
     *
     * @param reason {@link SyncReason#INTERACTIVE} or {@link SyncReason#FIRST_LINK}
     * @throws SyncJobPublishException if the broker did not confirm the job (nothing is recorded then)
     */
    public InteractiveSyncOutcome request(UUID accountId, SyncReason reason) {
        DataSource dataSource = shards.dataSource(accountId);
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return gate.request(connection, accountId, reason);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "cannot record the sync request of account " + accountId + ": " + e.getMessage(), e);
            }
        });
    }
}
