package io.fxhome.web.signin.pending;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.secrets.SecretDecryptionException;
import io.fxhome.secrets.SecretSealer;
import io.fxhome.shard.Shards;
import io.fxhome.sync.crypto.Digests;
import io.fxhome.web.config.WebConfig;

/**
 * The {@code pending_sign_in} table (V12): sign-ins waiting for their next step, shared by every web instance. A value
 * is stored under a new random handle (only its SHA-256 is written), sealed under the master key and bound to the
 * handle and its {@link PendingKind}. A step is run by {@link #claim claiming} the row for a short while, so two
 * requests for one sign-in, on any instances, never run it at once; the calls to Mozilla happen between the claim and
 * {@link #update}/{@link #drop}, outside any transaction.
 */
@ApplicationScoped
public class PendingSignInStore {
    /** How long a claimed step may take before another request may claim it again (a crashed instance's claim). */
    static final Duration CLAIM = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource db;
    private final SecretSealer sealer;
    private final int maxPending;

    public PendingSignInStore(Shards shards, SecretSealer sealer, WebConfig config) {
        this.db = shards.main().dataSource();
        this.sealer = sealer;
        this.maxPending = config.signIn().maxPending();
    }

    /** A new pending sign-in; returns its handle. Expired rows are removed on the way, and the oldest beyond the cap. */
    public Stored put(PendingKind kind, byte[] plaintext, Duration ttl) {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        byte[] hash = hash(handle);
        SecretSealer.Sealed sealed = sealer.seal(context(kind, hash), plaintext);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("delete from pending_sign_in where expires_at <= now()")) {
                ps.executeUpdate();
            }
            // The cap protects the table from a flood of abandoned sign-ins: the ones closest to expiry go first.
            try (PreparedStatement ps = c.prepareStatement("""
                    delete from pending_sign_in where handle_hash in (
                        select handle_hash from pending_sign_in order by expires_at
                         limit greatest(0, (select count(*) from pending_sign_in) - ? + 1))""")) {
                ps.setInt(1, maxPending);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into pending_sign_in (handle_hash, kind, master_key_version, sealed, expires_at)
                    values (?, ?, ?, ?, now() + ?::interval) returning expires_at""")) {
                ps.setBytes(1, hash);
                ps.setString(2, kind.wire());
                ps.setInt(3, sealed.masterKeyVersion());
                ps.setBytes(4, sealed.envelope());
                ps.setString(5, ttl.toMillis() + " milliseconds");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Stored(handle, rs.getTimestamp(1).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a pending sign-in: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the sign-in for one step: empty when there is none of this kind under the handle (unknown, expired, or
     * spent), {@link Claim.Busy} while another request runs a step of it.
     */
    public Claim claim(PendingKind kind, String handle) {
        if (handle == null || handle.isEmpty() || handle.length() > 100) {
            return new Claim.Missing();
        }
        byte[] hash = hash(handle);
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        update pending_sign_in set busy_until = now() + ?::interval
                         where handle_hash = ? and kind = ? and expires_at > now()
                           and (busy_until is null or busy_until <= now())
                        returning sealed, wrong_codes, expires_at""")) {
            ps.setString(1, CLAIM.toMillis() + " milliseconds");
            ps.setBytes(2, hash);
            ps.setString(3, kind.wire());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    byte[] plaintext = sealer.open(context(kind, hash), rs.getBytes(1));
                    return new Claim.Taken(plaintext, rs.getInt(2), rs.getTimestamp(3).toInstant());
                }
            }
            return exists(c, kind, hash) ? new Claim.Busy() : new Claim.Missing();
        } catch (SecretDecryptionException e) {
            // Sealed under a master key this process does not hold (rotated away): as good as expired.
            drop(handle);
            return new Claim.Missing();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a pending sign-in: " + e.getMessage(), e);
        }
    }

    /** The state of a waiting sign-in without claiming it (to show its page again). */
    public Optional<byte[]> peek(PendingKind kind, String handle) {
        if (handle == null || handle.isEmpty() || handle.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = hash(handle);
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select sealed from pending_sign_in where handle_hash = ? and kind = ? and expires_at > now()")) {
            ps.setBytes(1, hash);
            ps.setString(2, kind.wire());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(sealer.open(context(kind, hash), rs.getBytes(1))) : Optional.empty();
            }
        } catch (SecretDecryptionException e) {
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a pending sign-in: " + e.getMessage(), e);
        }
    }

    /** Writes the step's new state back and releases the claim. */
    public void update(PendingKind kind, String handle, byte[] plaintext) {
        byte[] hash = hash(handle);
        SecretSealer.Sealed sealed = sealer.seal(context(kind, hash), plaintext);
        execute("""
                update pending_sign_in set sealed = ?, master_key_version = ?, busy_until = null
                 where handle_hash = ? and kind = ?""", ps -> {
            ps.setBytes(1, sealed.envelope());
            ps.setInt(2, sealed.masterKeyVersion());
            ps.setBytes(3, hash);
            ps.setString(4, kind.wire());
        });
    }

    /** Releases the claim, the state unchanged. */
    public void release(String handle) {
        execute("update pending_sign_in set busy_until = null where handle_hash = ?", ps -> ps.setBytes(1, hash(handle)));
    }

    /** Counts one wrong code and releases the claim; returns the count so far. */
    public int wrongCode(String handle) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        update pending_sign_in set wrong_codes = wrong_codes + 1, busy_until = null
                         where handle_hash = ? returning wrong_codes""")) {
            ps.setBytes(1, hash(handle));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : Integer.MAX_VALUE;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count a wrong code: " + e.getMessage(), e);
        }
    }

    /** Forgets the sign-in. */
    public void drop(String handle) {
        if (handle != null && !handle.isEmpty()) {
            execute("delete from pending_sign_in where handle_hash = ?", ps -> ps.setBytes(1, hash(handle)));
        }
    }

    private static boolean exists(Connection c, PendingKind kind, byte[] hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from pending_sign_in where handle_hash = ? and kind = ? and expires_at > now()")) {
            ps.setBytes(1, hash);
            ps.setString(2, kind.wire());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void execute(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write a pending sign-in: " + e.getMessage(), e);
        }
    }

    private static byte[] hash(String handle) {
        return Digests.sha256(handle.getBytes(StandardCharsets.US_ASCII));
    }

    private static String context(PendingKind kind, byte[] hash) {
        return "pending-sign-in:" + kind.wire() + ":" + HexFormat.of().formatHex(hash);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** A stored sign-in's handle (for the browser's cookie or the client's field) and when it expires. */
    public record Stored(String handle, Instant expiresAt) {
        @Override
        public String toString() {
            return "Stored[handle=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /** What {@link #claim} found. */
    public sealed interface Claim {
        /** The step is this request's: the state, the wrong codes so far, and the expiry. */
        record Taken(byte[] plaintext, int wrongCodes, Instant expiresAt) implements Claim {
            @Override
            public String toString() {
                return "Taken[<redacted>, wrongCodes=" + wrongCodes + "]";
            }
        }

        /** Another request is running a step of this sign-in right now. */
        record Busy() implements Claim {
        }

        /** No such sign-in: unknown, expired, spent, or of another kind. */
        record Missing() implements Claim {
        }
    }
}
