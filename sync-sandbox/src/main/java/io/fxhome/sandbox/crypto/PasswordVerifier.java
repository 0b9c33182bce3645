package io.fxhome.sandbox.crypto;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * What the FxA auth server keeps instead of a password (onepw "verifyHash" scheme): the authPW is stretched with
 * scrypt(authPW, authSalt, N, 8, 1) into bigStretchedPW, from which verifyHash (compared at login) and wrapwrapKey
 * (which unwraps the stored wrapWrapKb into wrapKB) are derived. A version-2 account keeps a second verifyHash
 * over the same authSalt (fxa-auth-server lib/routes/account.ts {@code createAccount}: both Password objects take
 * {@code authSalt}), so one stretch of a submitted authPW is compared with both.
 */
public final class PasswordVerifier {
    private final byte[] authSalt;
    private final int scryptN;
    private final byte[] verifyHash;

    private PasswordVerifier(byte[] authSalt, int scryptN, byte[] verifyHash) {
        this.authSalt = authSalt;
        this.scryptN = scryptN;
        this.verifyHash = verifyHash;
    }

    /** The server-side stretch of one authPW. */
    public record Stretched(byte[] bigStretchedPW, byte[] verifyHash, byte[] wrapwrapKey) {
        @Override
        public String toString() {
            return "Stretched[redacted]";
        }
    }

    public static Stretched stretch(byte[] authPW, byte[] authSalt, int scryptN) {
        byte[] big = SCrypt.generate(authPW, authSalt, scryptN, 8, 1, 32);
        return new Stretched(big, Hkdf.deriveNs(big, "verifyHash", 32), Hkdf.deriveNs(big, "wrapwrapKey", 32));
    }

    public static PasswordVerifier create(byte[] authPW, byte[] authSalt, int scryptN) {
        return new PasswordVerifier(authSalt.clone(), scryptN, stretch(authPW, authSalt, scryptN).verifyHash());
    }

    /** A verifier from a stretch already computed (account creation needs wrapwrapKey from the same stretch). */
    public static PasswordVerifier fromStretch(byte[] authSalt, int scryptN, Stretched stretched) {
        return new PasswordVerifier(authSalt.clone(), scryptN, stretched.verifyHash().clone());
    }

    /** Returns the stretch when authPW matches, else null. */
    public Stretched check(byte[] authPW) {
        Stretched s = stretch(authPW, authSalt, scryptN);
        return matches(s) ? s : null;
    }

    /** Whether a stretch computed with this verifier's salt and cost matches it. */
    public boolean matches(Stretched s) {
        return Hmacs.equal(s.verifyHash(), verifyHash);
    }

    public byte[] authSalt() {
        return authSalt.clone();
    }

    public int scryptN() {
        return scryptN;
    }

    @Override
    public String toString() {
        return "PasswordVerifier[N=" + scryptN + ", redacted]";
    }
}
