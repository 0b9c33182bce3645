package io.fxhome.sandbox.fxa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in unblock codes and the accounts whose sign-ins are blocked as "unfamiliar" until one is used. Facts from
 * mozilla/fxa: a code is 8 characters of the alphabet {@code 0123456789ABCDEFGHJKMNPQRSTVWXYZ} (fxa-auth-server
 * lib/crypto/base32.js, config {@code signinUnblock.codeLength} 8), valid one hour ({@code codeLifetime}), consumed
 * by its first use, compared upper-cased (lib/routes/utils/signin.js {@code checkCustomsAndLoadAccount}); a newer code
 * does not void older unconsumed ones (each is a row of its own).
 */
public final class UnblockCodes {
    /** lib/crypto/base32.js: Crockford-like, without I, L, O, U. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 8;
    static final long LIFETIME_MS = 60 * 60_000L;

    private record Code(String code, long createdAt) {
    }

    /** The outcome of a code presented at sign-in. */
    enum Check {
        VALID,
        INVALID,
        EXPIRED
    }

    private final Map<String, List<Code>> codes = new ConcurrentHashMap<>();
    private final Set<String> required = ConcurrentHashMap.newKeySet();
    private final SecureRandom random;

    public UnblockCodes(SecureRandom random) {
        this.random = random;
    }

    /** Makes an account's sign-ins "unfamiliar" (400 errno 125 until an unblock code is sent), or normal again. */
    public void require(String uid, boolean on) {
        if (on) {
            required.add(uid);
        } else {
            required.remove(uid);
        }
    }

    public boolean required(String uid) {
        return required.contains(uid);
    }

    /** A new code for the account, remembered until used or expired. */
    public String create(String uid, long now) {
        StringBuilder sb = new StringBuilder(LENGTH);
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        for (byte b : bytes) {
            sb.append(ALPHABET.charAt((b & 0xff) % 32));
        }
        String code = sb.toString();
        List<Code> list = codes.computeIfAbsent(uid, k -> new ArrayList<>());
        synchronized (list) {
            list.add(new Code(code, now));
        }
        return code;
    }

    /** Consumes a code (upper-cased first); an unknown code is INVALID, one older than an hour EXPIRED. */
    Check consume(String uid, String presented, long now) {
        List<Code> list = codes.get(uid);
        if (list == null || presented == null) {
            return Check.INVALID;
        }
        String wanted = presented.toUpperCase(Locale.ROOT);
        synchronized (list) {
            for (int i = 0; i < list.size(); i++) {
                Code c = list.get(i);
                if (c.code().equals(wanted)) {
                    list.remove(i);
                    return now - c.createdAt() > LIFETIME_MS ? Check.EXPIRED : Check.VALID;
                }
            }
        }
        return Check.INVALID;
    }

    /** The newest code not yet used, or null. */
    public String latest(String uid) {
        List<Code> list = codes.get(uid);
        if (list == null) {
            return null;
        }
        synchronized (list) {
            return list.isEmpty() ? null : list.get(list.size() - 1).code();
        }
    }

    public void forget(String uid) {
        codes.remove(uid);
        required.remove(uid);
    }
}
