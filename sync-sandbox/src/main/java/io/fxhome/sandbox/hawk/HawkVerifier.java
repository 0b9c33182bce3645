package io.fxhome.sandbox.hawk;

import java.nio.charset.StandardCharsets;

import io.fxhome.sandbox.crypto.Hmacs;

/**
 * Server-side Hawk checks, in the order a careful server does them: MAC first (so forged requests cannot burn
 * nonces), then timestamp skew, then the payload hash (only if the client sent one and there is a body to compare
 * it with), then nonce replay.
 */
public final class HawkVerifier {
    private final long skewSeconds;
    private final NonceCache nonces;

    /** The reasons a request is refused; callers map them to their service's error format. */
    public enum Failure {
        BAD_MAC,
        STALE_TIMESTAMP,
        BAD_PAYLOAD_HASH,
        REPLAYED_NONCE
    }

    /** A refused request. */
    public static final class HawkException extends Exception {
        private final Failure failure;

        public HawkException(Failure failure) {
            super(failure.name());
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    public HawkVerifier(long skewSeconds) {
        this.skewSeconds = skewSeconds;
        this.nonces = new NonceCache(skewSeconds);
    }

    /**
     * @param body the request body when the route has one (its hash is checked if the header carries one), or null
     */
    public void verify(HawkHeader header, HawkRequest request, byte[] key, String contentType, byte[] body,
            long nowSeconds) throws HawkException {
        String normalized = HawkMac.normalized(header.ts(), header.nonce(), request.method(), request.resource(),
                request.host(), request.port(), header.hash(), header.ext());
        String expected = HawkMac.mac(key, normalized);
        if (!Hmacs.equal(expected.getBytes(StandardCharsets.US_ASCII),
                header.mac().getBytes(StandardCharsets.US_ASCII))) {
            throw new HawkException(Failure.BAD_MAC);
        }
        if (Math.abs(nowSeconds - header.tsSeconds()) > skewSeconds) {
            throw new HawkException(Failure.STALE_TIMESTAMP);
        }
        if (header.hash() != null && body != null && body.length > 0) {
            String actual = HawkMac.payloadHash(contentType, body);
            if (!Hmacs.equal(actual.getBytes(StandardCharsets.US_ASCII),
                    header.hash().getBytes(StandardCharsets.US_ASCII))) {
                throw new HawkException(Failure.BAD_PAYLOAD_HASH);
            }
        }
        if (!nonces.firstUse(header.id(), header.tsSeconds(), header.nonce(), nowSeconds)) {
            throw new HawkException(Failure.REPLAYED_NONCE);
        }
    }

    public long skewSeconds() {
        return skewSeconds;
    }
}
