package io.fxhome.web.signin;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.Shards;
import io.fxhome.sync.crypto.Digests;
import io.fxhome.web.config.WebConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Sliding-window limits on sign-in attempts per client address and per email address, counted in PostgreSQL
 * ({@code sign_in_attempt}, V12) so that every web instance counts the same attempts: they protect Mozilla's accounts
 * service (and the client id's reputation) from password guessing through fxhome. The client address is the peer's,
 * or the one a proxy named in {@code X-Forwarded-For} only when that proxy is listed in
 * {@code quarkus.http.proxy.trusted-proxies}.
 */
@ApplicationScoped
public class SignInRateLimiter {
    private final WebConfig.SignIn config;
    private final DataSource db;

    public SignInRateLimiter(WebConfig config, Shards shards) {
        this.config = config.signIn();
        this.db = shards.main().dataSource();
    }

    /**
     * Counts one attempt for both keys, unless either is over its limit.
     *
     * @return empty when allowed, else how long until the next attempt is allowed
     */
    public Optional<Duration> attempt(String address, String email) {
        String a = "a:" + address;
        String m = "m:" + HexFormat.of().formatHex(Digests.sha256(
                (email == null ? "" : email.trim().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)));
        String window = config.window().toMillis() + " milliseconds";
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                // Both keys locked in a fixed order, so that concurrent attempts on any instance count exactly.
                try (PreparedStatement ps = c.prepareStatement(
                        "select pg_advisory_xact_lock(hashtextextended(k, 14)) from unnest(?::text[]) k order by k")) {
                    ps.setArray(1, c.createArrayOf("text", new String[] { a, m }));
                    ps.executeQuery().close();
                }
                Optional<Duration> wait = over(c, a, config.perAddress(), window)
                        .or(() -> over(c, m, config.perEmail(), window));
                if (wait.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "insert into sign_in_attempt (limit_key) values (?), (?)")) {
                        ps.setString(1, a);
                        ps.setString(2, m);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return wait;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count a sign-in attempt: " + e.getMessage(), e);
        }
    }

    /** Deletes the attempts that no window counts any more. */
    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("delete from sign_in_attempt where attempted_at <= now() - ?::interval")) {
            ps.setString(1, config.window().toMillis() + " milliseconds");
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge old sign-in attempts: " + e.getMessage(), e);
        }
    }

    private static Optional<Duration> over(Connection c, String key, int limit, String window) {
        // The wait is until the oldest attempt that keeps the count at the limit leaves the window.
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*), extract(epoch from min(attempted_at) + ?::interval - now())
                  from (select attempted_at from sign_in_attempt
                         where limit_key = ? and attempted_at > now() - ?::interval
                         order by attempted_at desc limit ?) recent""")) {
            ps.setString(1, window);
            ps.setString(2, key);
            ps.setString(3, window);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) < limit) {
                    return Optional.empty();
                }
                return Optional.of(Duration.ofMillis(Math.max(1000, Math.round(rs.getDouble(2) * 1000))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count sign-in attempts: " + e.getMessage(), e);
        }
    }
}
