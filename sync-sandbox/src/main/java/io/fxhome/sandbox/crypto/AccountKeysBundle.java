package io.fxhome.sandbox.crypto;

/**
 * The {@code GET /v1/account/keys} response bundle (onepw §2.6): kA‖wrapKB XORed with respXORkey, followed by
 * HMAC(respHMACkey, ciphertext), where respHMACkey‖respXORkey = HKDF(keyRequestKey, NS + "account/keys", 96).
 */
public final class AccountKeysBundle {
    private AccountKeysBundle() {
    }

    public static byte[] bundle(byte[] keyRequestKey, byte[] kA, byte[] wrapKB) {
        byte[] km = Hkdf.deriveNs(keyRequestKey, "account/keys", 96);
        byte[] respHmacKey = new byte[32];
        byte[] respXorKey = new byte[64];
        System.arraycopy(km, 0, respHmacKey, 0, 32);
        System.arraycopy(km, 32, respXorKey, 0, 64);
        byte[] plain = new byte[64];
        System.arraycopy(kA, 0, plain, 0, 32);
        System.arraycopy(wrapKB, 0, plain, 32, 32);
        byte[] ciphertext = Hmacs.xor(plain, respXorKey);
        byte[] mac = Hmacs.hmacSha256(respHmacKey, ciphertext);
        byte[] out = new byte[96];
        System.arraycopy(ciphertext, 0, out, 0, 64);
        System.arraycopy(mac, 0, out, 64, 32);
        return out;
    }
}
