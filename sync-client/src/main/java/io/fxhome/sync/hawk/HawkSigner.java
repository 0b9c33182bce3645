package io.fxhome.sync.hawk;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Produces {@code Authorization: Hawk id="…", ts="…", nonce="…"[, hash="…"][, ext="…"], mac="…"} for a request.
 * Sign only once the URI is final: the MAC covers the exact raw path and query that go on the wire.
 *
 * <p>
 * Thread-safe. Time comes from an injectable {@link Clock} plus a learnt offset (server time − local time), so
 * a skewed local clock can be corrected from {@code X-Timestamp}/{@code X-Weave-Timestamp}/{@code Timestamp}.
 */
public final class HawkSigner {
    private final Clock clock;
    private final NonceSource nonces;
    private final AtomicLong offsetMillis = new AtomicLong();

    public HawkSigner(Clock clock, NonceSource nonces) {
        this.clock = clock;
        this.nonces = nonces;
    }

    public static HawkSigner systemDefault() {
        return new HawkSigner(Clock.systemUTC(), NonceSource.secureRandom());
    }

    /** Authorization header value without a payload hash (Sync storage never needs one). */
    public String authorization(HawkCredentials credentials, String method, URI uri) {
        return authorization(credentials, method, uri, null, null);
    }

    /**
     * Authorization header value. @param payloadHash base64 payload hash ({@link PayloadHash}) or null for none
     *
     * @param ext application data or null
     */
    public String authorization(HawkCredentials credentials, String method, URI uri, String payloadHash, String ext) {
        HawkArtifacts a = HawkArtifacts.forRequest(timestampSeconds(), nonces.next(), method, uri, payloadHash, ext);
        return header(credentials, a);
    }

    /** Hawk {@code ts}: floor((now ms + offset ms) / 1000). */
    public long timestampSeconds() {
        return Math.floorDiv(clock.millis() + offsetMillis.get(), 1000L);
    }

    /** Server time − local time, applied to every following {@code ts}. */
    public void setClockOffset(Duration offset) {
        offsetMillis.set(offset.toMillis());
    }

    public Duration clockOffset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    /** Learns the offset from a server clock reading (seconds, possibly fractional) taken "now". */
    public void learnServerTime(double serverEpochSeconds) {
        offsetMillis.set(Math.round(serverEpochSeconds * 1000d) - clock.millis());
    }

    /** The header value for fixed artifacts (known-answer tests). */
    public static String header(HawkCredentials credentials, HawkArtifacts a) {
        String mac = Base64.getEncoder().encodeToString(mac(credentials, a));
        StringBuilder h = new StringBuilder(160);
        h.append("Hawk id=\"").append(credentials.id()).append("\", ts=\"").append(a.ts())
                .append("\", nonce=\"").append(a.nonce()).append('"');
        if (a.hash() != null) {
            h.append(", hash=\"").append(a.hash()).append('"');
        }
        if (a.ext() != null && !a.ext().isEmpty()) {
            h.append(", ext=\"").append(a.ext().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return h.append(", mac=\"").append(mac).append('"').toString();
    }

    /** HMAC of the normalized string with the credentials' key and algorithm. */
    public static byte[] mac(HawkCredentials credentials, HawkArtifacts a) {
        try {
            Mac mac = Mac.getInstance(credentials.algorithm().macName);
            mac.init(new SecretKeySpec(credentials.keyUnsafe(), credentials.algorithm().macName));
            return mac.doFinal(a.normalizedString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Hawk MAC unavailable", e);
        }
    }
}
