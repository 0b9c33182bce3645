package io.fxhome.scheduler.sweep;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import io.fxhome.shard.Shard;
import io.fxhome.shard.Shards;
import io.quarkus.logging.Log;

/**
 * Runs a retention sweep on every shard, one run at a time on this instance (the clustered Quartz job keeps the other
 * instances out). A shard that fails is logged and the next one is swept; the next run tries it again.
 */
public final class EveryShard {
    /** One database's sweep. */
    @FunctionalInterface
    public interface Sweep<R> {
        R sweep(DataSource database) throws SQLException;
    }

    private final Shards shards;
    /** What is swept, for the log: "run history", "tab timeline". */
    private final String what;
    private final AtomicBoolean running = new AtomicBoolean();

    public EveryShard(Shards shards, String what) {
        this.shards = shards;
        this.what = what;
    }

    /** Each shard's result by name, after {@code done} saw it; an empty map if this instance is already sweeping. */
    public <R> Map<String, R> sweep(Sweep<R> sweep, BiConsumer<String, R> done) {
        Map<String, R> results = new LinkedHashMap<>();
        if (!running.compareAndSet(false, true)) {
            return results;
        }
        try {
            for (Shard shard : shards.all()) {
                try {
                    R r = sweep.sweep(shard.dataSource());
                    done.accept(shard.name(), r);
                    results.put(shard.name(), r);
                } catch (SQLException | RuntimeException e) {
                    Log.warnf("%s of shard %s not swept: %s", what, shard.name(), e.getMessage());
                }
            }
            return results;
        } finally {
            running.set(false);
        }
    }
}
