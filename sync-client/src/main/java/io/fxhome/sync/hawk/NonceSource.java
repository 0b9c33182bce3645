package io.fxhome.sync.hawk;

import java.security.SecureRandom;
import java.util.Base64;

/** Where Hawk nonces come from; injectable so tests can pin them. */
@FunctionalInterface
public interface NonceSource {
    String next();

    /** 6 random bytes as 8 base64url characters: unique enough per (id, ts) and safe inside a quoted header value. */
    static NonceSource secureRandom() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] b = new byte[6];
            random.nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        };
    }
}
