package io.fxhome.scheduler.tick;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.fxhome.job.SyncJobPublisher;
import io.fxhome.scheduler.config.SchedulerConfig;
import io.fxhome.scheduler.control.TickReport;
import io.fxhome.scheduler.policy.SyncSchedulePolicy;
import io.fxhome.shard.Shard;
import io.fxhome.shard.Shards;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Runs ticks of this instance, one at a time, for the Quartz job and for operators; counts what they publish. A tick
 * covers every shard; the pause flag and the tick record are in the default datasource, beside Quartz.
 */
@ApplicationScoped
public class TickRunner {
    @Inject
    Shards shards;
    @Inject
    SyncJobPublisher publisher;
    @Inject
    SyncSchedulePolicy policy;
    @Inject
    Clock clock;
    @Inject
    SchedulerConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    @Named("schedulerInstance")
    String instance;

    private final AtomicBoolean running = new AtomicBoolean();
    private SchedulerTick tick;
    private Timer duration;

    @PostConstruct
    void init() {
        Counter published = Counter.builder("fxhome.scheduler.jobs.published")
                .description("Scheduled sync jobs published and confirmed by the broker (rate() gives jobs per minute)")
                .register(registry);
        duration = Timer.builder("fxhome.scheduler.tick.duration").description("Duration of this instance's ticks")
                .register(registry);
        Map<String, DataSource> databases = new LinkedHashMap<>();
        for (Shard shard : shards.all()) {
            databases.put(shard.name(), shard.dataSource());
        }
        tick = new SchedulerTick(shards.main().dataSource(), databases, publisher, policy, clock, config.batchSize(),
                config.publishThreads(), instance, published::increment);
    }

    /** Runs a tick now, unless this instance is already running one (then empty). */
    public Optional<TickReport> runOnce() {
        if (!running.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            TickReport report = tick.run();
            duration.record(report.duration());
            return Optional.of(report);
        } finally {
            running.set(false);
        }
    }

    public boolean isRunning() {
        return running.get();
    }
}
