package io.fxhome.sync.hawk;

/** Where Hawk nonces come from; injectable so tests can pin them. */
@FunctionalInterface
public interface NonceSource {
    String next();

    /**
     * 6 random bytes as 8 base64url characters: unique enough per (id, ts) and safe inside a quoted header value. One
     * generator for every signer (SecureRandom is thread-safe): a sync builds a signer each time, and a SecureRandom
     * created for each (a provider lookup, then seeding) was about 1 % of a fleet worker's profile.
     */
    static NonceSource secureRandom() {
        return SecureRandomNonces.SHARED;
    }
}
