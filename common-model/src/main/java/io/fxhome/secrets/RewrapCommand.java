package io.fxhome.secrets;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code ./fxhome rewrap [--batch-size N] [--dry-run]}: the second step of a master key rotation. With
 * {@code FXHOME_MASTER_KEY="new,old"} (or the file form) it re-wraps every account's data key under the new key, in
 * small {@code FOR UPDATE SKIP LOCKED} batches while the apps keep running (they must be configured with both keys),
 * and prints how many it re-wrapped. Afterwards the old key can be dropped from every process's configuration. Running
 * it again re-wraps nothing. Plain JDBC: {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code _USERNAME}, {@code _PASSWORD}
 * (default the local {@code jdbc:postgresql://127.0.0.1:5432/fxhome}, fxhome/fxhome). Exit 0 when every row is under
 * the new key, 1 on errors, 2 for usage errors, 3 when rows stayed locked by other transactions (run it again).
 */
public final class RewrapCommand {
    static final String USAGE = "usage: fxhome rewrap [--batch-size N] [--dry-run]";
    static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/fxhome";
    static final int DEFAULT_BATCH_SIZE = 100;
    /** Passes over rows that other transactions held locked, and the pause between them. */
    static final int PASSES = 3;
    static final long PAUSE_MILLIS = 500;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public RewrapCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new RewrapCommand(System.getenv(), System.out, System.err).run(args));
    }

    /** @return the exit code */
    public int run(String[] args) {
        int batchSize = DEFAULT_BATCH_SIZE;
        boolean dryRun = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--dry-run" -> dryRun = true;
                    case "--batch-size" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value after --batch-size");
                        }
                        batchSize = Integer.parseInt(args[++i]);
                        if (batchSize < 1 || batchSize > 10_000) {
                            throw new IllegalArgumentException("--batch-size must be between 1 and 10000");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (NumberFormatException e) {
            return usage("--batch-size needs a number");
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        MasterKeyRing ring;
        try {
            ring = MasterKeyRing.load(Optional.ofNullable(env.get("FXHOME_MASTER_KEY")),
                    Optional.ofNullable(env.get("FXHOME_MASTER_KEY_FILE")));
        } catch (MasterKeyException e) {
            return usage(e.getMessage());
        }
        String url = env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", DEFAULT_JDBC_URL);
        try (Connection c = DriverManager.getConnection(url, env.getOrDefault("QUARKUS_DATASOURCE_USERNAME", "fxhome"),
                env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "fxhome"))) {
            MasterKeyRewrap rewrap = new MasterKeyRewrap(ring, batchSize);
            int current = ring.current().version();
            if (dryRun) {
                rewrap.checkKeys(c);
                TreeMap<Integer, Long> counts = MasterKeyRewrap.countByVersion(c);
                long old = counts.entrySet().stream().filter(e -> e.getKey() != current).mapToLong(Map.Entry::getValue)
                        .sum();
                out.println("would re-wrap " + old + " account secret(s) under master key version " + current
                        + " (rows per version: " + counts + ")");
                return 0;
            }
            MasterKeyRewrap.Result r = rewrap.run(c, PASSES, PAUSE_MILLIS);
            out.println("re-wrapped " + r.rewrapped() + " account secret(s) under master key version " + current
                    + " in " + r.batches() + " batch(es); " + r.remaining() + " left under older keys");
            if (r.remaining() > 0) {
                err.println("fxhome rewrap: " + r.remaining() + " account secret(s) are still under an older key:"
                        + " locked by other transactions during the run (run it again), or written meanwhile by a"
                        + " process whose FXHOME_MASTER_KEY does not list the new key first (fix that, then run again)");
                return 3;
            }
            return 0;
        } catch (MasterKeyException e) {
            err.println("fxhome rewrap: " + e.getMessage());
            return 1;
        } catch (SQLException e) {
            // Driver messages name the URL, user and SQL state, never the password.
            err.println("fxhome rewrap: database error: " + e.getMessage());
            return 1;
        } catch (SecretDecryptionException e) {
            err.println("fxhome rewrap: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String problem) {
        err.println("fxhome rewrap: " + problem);
        err.println(USAGE);
        return 2;
    }
}
