package io.fxhome.worker.config;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns {@code fxhome.worker.*} memory settings into the messaging settings that bound the work in flight: the prefetch
 * of each lane and the size of the worker pool that runs syncs. Environment variables and system properties still
 * override it, so an operator can pin any of them.
 * <p>
 * Static-init safe: Quarkus creates the messaging worker pools from the configuration of static init, which holds
 * only the sources marked so. Without the mark the pool kept the build-time placeholder of application.properties (4
 * threads) whatever the heap, and a worker ran 4 syncs at once with 24 more jobs prefetched (the fleet benchmark's
 * in-flight gauge, docs/benchmarks.md). It reads nothing but the heap and configuration, the same at static init.
 */
@StaticInitSafe
public class WorkerConcurrencyConfigSourceFactory implements ConfigSourceFactory {
    /** Above application.properties (250), which holds build-time placeholders; below env variables (300). */
    static final int ORDINAL = 275;

    private static final System.Logger LOG = System.getLogger(WorkerConcurrencyConfigSourceFactory.class.getName());

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        long heap = Runtime.getRuntime().maxMemory();
        long reserve = bytes(context, "fxhome.worker.memory-reserve", 128L << 20);
        long perAccount = bytes(context, "fxhome.worker.memory-per-account", 48L << 20);
        OptionalInt explicit = integer(context, "fxhome.worker.concurrency");
        if (explicit.isPresent() && explicit.getAsInt() < 1) {
            throw new IllegalArgumentException("fxhome.worker.concurrency must be at least 1 (or unset, to follow the "
                    + "heap), not " + explicit.getAsInt());
        }
        WorkerConcurrency c = WorkerConcurrency.of(heap, reserve, perAccount, explicit.orElse(0));
        if (explicit.isEmpty() && perAccount > 0 && WorkerConcurrency.accountsTheHeapHolds(heap, reserve, perAccount) < 2) {
            LOG.log(System.Logger.Level.WARNING, "the heap ({0} MiB) holds fewer than 2 accounts'' budgets beside "
                    + "fxhome.worker.memory-reserve; syncing 2 at once (one per lane) anyway: give the worker more memory",
                    heap >> 20);
        }
        return List.of(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.sync-interactive.max-outstanding-messages", Integer.toString(c.interactive()),
                "mp.messaging.incoming.sync-scheduled.max-outstanding-messages", Integer.toString(c.scheduled()),
                "smallrye.messaging.worker.sync-pool.max-concurrency", Integer.toString(c.total()),
                "fxhome.worker.effective-concurrency", Integer.toString(c.total())),
                "fxhome-worker-concurrency", ORDINAL));
    }

    private static long bytes(ConfigSourceContext context, String name, long fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : MemorySize.parse(value.getValue(), name);
    }

    private static OptionalInt integer(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.getValue().strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value.getValue() + "'");
        }
    }
}
