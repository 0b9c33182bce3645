package io.fxhome.sync.hawk;

import java.security.SecureRandom;
import java.util.Base64;

/** The one {@link NonceSource#secureRandom()} hands out. */
final class SecureRandomNonces implements NonceSource {
    static final SecureRandomNonces SHARED = new SecureRandomNonces();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();

    private SecureRandomNonces() {
    }

    @Override
    public String next() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return BASE64URL.encodeToString(b);
    }
}
