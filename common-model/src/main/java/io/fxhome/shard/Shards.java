package io.fxhome.shard;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Every shard this process knows: {@value #MAIN} (the default datasource, which also holds the account directory,
 * Quartz and the scheduler's control row) and those of {@code fxhome.shards.extra}. The extra shards' pools open at
 * start and their schemas are migrated then, like the default datasource's, so a shard that cannot be reached or
 * migrated stops the process at once instead of failing its users one by one.
 */
@Startup
@ApplicationScoped
public class Shards {
    /** The default datasource's shard name. */
    public static final String MAIN = "main";
    // Letters and digits only: FXHOME_SHARDS_EXTRA_<NAME>_JDBC_URL must map back to one name.
    private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,40}");

    @Inject
    ShardsConfig config;
    @Inject
    AgroalDataSource defaultDataSource;
    @Inject
    Instance<Flyway> flyway;
    @Inject
    TransactionManager transactionManager;
    @Inject
    TransactionSynchronizationRegistry transactionRegistry;
    @Inject
    Config settings;

    /** Main first, then the others by name. */
    private Map<String, Shard> shards;
    private List<String> open;

    @PostConstruct
    void start() {
        Map<String, Shard> all = new LinkedHashMap<>();
        all.put(MAIN, new Shard(MAIN, defaultDataSource));
        ShardPools.Defaults defaults = new ShardPools.Defaults(
                settings.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                settings.getOptionalValue("quarkus.datasource.password", String.class).orElse(null),
                settings.getOptionalValue("quarkus.datasource.jdbc.max-size", Integer.class).orElse(20));
        boolean migrate = settings.getOptionalValue("quarkus.flyway.migrate-at-start", Boolean.class).orElse(false);
        boolean clean = settings.getOptionalValue("quarkus.flyway.clean-at-start", Boolean.class).orElse(false);
        try {
            for (var entry : new TreeMap<>(config.extra()).entrySet()) {
                String name = entry.getKey();
                if (!NAME.matcher(name).matches() || MAIN.equals(name)) {
                    throw new IllegalStateException(
                            "fxhome.shards.extra." + name + ": a shard name is lower-case letters and digits"
                                    + " (up to 40), and not '" + MAIN + "' (the default datasource)");
                }
                Shard shard = new Shard(name,
                        ShardPools.open(entry.getValue(), defaults, transactionManager, transactionRegistry));
                all.put(name, shard);
                if (migrate) {
                    ShardMigrations.migrate(flyway.get(), shard, clean);
                }
            }
        } catch (SQLException | RuntimeException e) {
            all.values().stream().filter(s -> !MAIN.equals(s.name())).forEach(s -> s.dataSource().close());
            throw new IllegalStateException("cannot open the shards: " + e.getMessage(), e);
        }
        List<String> closed = config.closed().orElse(List.of());
        for (String name : closed) {
            if (!all.containsKey(name)) {
                throw new IllegalStateException("fxhome.shards.closed names an unknown shard: " + name);
            }
        }
        List<String> accepting = new ArrayList<>(all.keySet());
        accepting.removeAll(closed);
        if (accepting.isEmpty()) {
            throw new IllegalStateException("fxhome.shards.closed closes every shard: new accounts would have nowhere to go");
        }
        shards = Collections.unmodifiableMap(all);
        open = List.copyOf(accepting);
        if (all.size() > 1) {
            Log.infof("shards: %s (new accounts go to %s)", all.keySet(), open);
        }
    }

    @PreDestroy
    void stop() {
        shards.values().stream().filter(s -> !MAIN.equals(s.name())).forEach(s -> s.dataSource().close());
    }

    /** The default datasource: the directory, and the shard of every account created before sharding. */
    public Shard main() {
        return shards.get(MAIN);
    }

    /** Every shard, {@value #MAIN} first. */
    public List<Shard> all() {
        return List.copyOf(shards.values());
    }

    /** True when there is more than the default datasource. */
    public boolean sharded() {
        return shards.size() > 1;
    }

    public Optional<Shard> byName(String name) {
        return Optional.ofNullable(shards.get(name));
    }

    /** The shard of that name; a name this process was not given means its configuration differs from the fleet's. */
    public Shard require(String name) {
        Shard shard = shards.get(name);
        if (shard == null) {
            throw new IllegalStateException(
                    "the account directory names shard '" + name + "', which this process does not know:"
                            + " give every process the same fxhome.shards.extra settings");
        }
        return shard;
    }

    /** The shards new accounts may be placed on (all but {@code fxhome.shards.closed}), {@value #MAIN} first. */
    public List<String> openForNewAccounts() {
        return open;
    }
}
