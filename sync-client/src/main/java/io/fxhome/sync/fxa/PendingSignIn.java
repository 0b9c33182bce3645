package io.fxhome.sync.fxa;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import io.fxhome.sync.crypto.Bytes;

/**
 * A password sign-in between {@code /account/login} and {@link FxaClient#completeLink}: holds the session token,
 * the single-use keyFetchToken and unwrapBKey (and kB once fetched), all secret. After a successful link (or
 * {@link #forget()}) the secrets are overwritten and the object is spent.
 *
 * <p>
 * A caller that must keep a sign-in across processes (several web instances sharing PostgreSQL) exports it with
 * {@link #exportState()}, seals {@link State#encode()} under its own key, and later {@link #restore(State)}s it. Only
 * one copy may be used at a time: the keyFetchToken is single use, and a step that consumed it must be exported
 * again (kB then travels in its place).
 */
public final class PendingSignIn {
    private final String uid;
    private final String email;
    private final byte[] sessionToken;
    private byte[] keyFetchToken;
    private final byte[] unwrapBKey;
    private final VerificationMethod verificationMethod;
    private final String verificationReason;
    private volatile boolean verified;
    private byte[] kB;
    private boolean forgotten;

    PendingSignIn(String uid, String email, byte[] sessionToken, byte[] keyFetchToken, byte[] unwrapBKey,
            boolean verified, VerificationMethod verificationMethod, String verificationReason, byte[] kB) {
        this.uid = uid;
        this.email = email;
        this.sessionToken = sessionToken;
        this.keyFetchToken = keyFetchToken;
        this.unwrapBKey = unwrapBKey;
        this.verified = verified;
        this.verificationMethod = verificationMethod;
        this.verificationReason = verificationReason;
        this.kB = kB;
    }

    public String uid() {
        return uid;
    }

    public String email() {
        return email;
    }

    /** True once the server said the session (and email) are verified. */
    public boolean verified() {
        return verified;
    }

    /** What the server asked for when the session was unverified at login. */
    public Optional<VerificationMethod> verificationMethod() {
        return Optional.ofNullable(verificationMethod);
    }

    /** {@code login}, {@code signup} or {@code change_password}, when the server said. */
    public Optional<String> verificationReason() {
        return Optional.ofNullable(verificationReason);
    }

    /** True after {@link #forget()} or a completed link. */
    public synchronized boolean isForgotten() {
        return forgotten;
    }

    /** Overwrites every secret. */
    public synchronized void forget() {
        Bytes.wipe(sessionToken, keyFetchToken, unwrapBKey, kB);
        forgotten = true;
    }

    /**
     * A copy of everything this sign-in holds, for the caller to seal and keep; this object stays usable.
     *
     * @throws IllegalStateException when it was completed or forgotten
     */
    public synchronized State exportState() {
        requireLive();
        return new State(uid, email, sessionToken, keyFetchToken, unwrapBKey, verified, verificationMethod,
                verificationReason, kB);
    }

    /** A sign-in from an exported state (the state's arrays are copied; wipe it afterwards). */
    public static PendingSignIn restore(State state) {
        return new PendingSignIn(state.uid(), state.email(), state.sessionToken(), state.keyFetchToken(),
                state.unwrapBKey(), state.verified(), state.verificationMethod(), state.verificationReason(),
                state.kB());
    }

    void markVerified() {
        verified = true;
    }

    synchronized byte[] sessionToken() {
        requireLive();
        return sessionToken;
    }

    /** Returns the keyFetchToken and drops our copy: the server burns it on first use, success or not. */
    synchronized byte[] takeKeyFetchToken() {
        requireLive();
        byte[] t = keyFetchToken;
        keyFetchToken = null;
        return t;
    }

    /** True while the keyFetchToken has not been used. */
    public synchronized boolean hasKeyFetchToken() {
        return keyFetchToken != null;
    }

    synchronized byte[] unwrapBKey() {
        requireLive();
        return unwrapBKey;
    }

    /** kB once fetched, kept so that a failure after /account/keys can be retried without a new keyFetchToken. */
    synchronized byte[] kB() {
        requireLive();
        return kB;
    }

    synchronized void rememberKb(byte[] kB) {
        this.kB = kB;
    }

    private void requireLive() {
        if (forgotten) {
            throw new IllegalStateException("this sign-in was completed or forgotten; sign in again");
        }
    }

    @Override
    public String toString() {
        return "PendingSignIn[uid=" + uid + ", verified=" + verified + ", method=" + verificationMethod
                + ", secrets=<redacted>]";
    }

    /**
     * Everything a {@link PendingSignIn} holds. The byte arrays are copied in and out; {@link #wipe()} overwrites this
     * copy. Secret: {@link #toString()} names no secret, and {@link #encode()} is for sealing, never for storing in
     * clear.
     *
     * @param uid the FxA uid
     * @param email the email the user signed in with
     * @param sessionToken the 32-byte session token
     * @param keyFetchToken the 32-byte keyFetchToken, {@code null} once it was used
     * @param unwrapBKey the 32-byte unwrapBKey of the stretching the login used (v1 or v2)
     * @param verified whether the session is verified
     * @param verificationMethod what the server asked for, or {@code null}
     * @param verificationReason {@code login}, {@code signup} or {@code change_password}, or {@code null}
     * @param kB the 32-byte kB once fetched (then the keyFetchToken is gone), else {@code null}
     */
    public record State(String uid, String email, byte[] sessionToken, byte[] keyFetchToken, byte[] unwrapBKey,
            boolean verified, VerificationMethod verificationMethod, String verificationReason, byte[] kB) {
        private static final int FORMAT = 1;

        public State {
            if (uid == null || email == null || sessionToken == null || unwrapBKey == null) {
                throw new IllegalArgumentException("uid, email, session token and unwrapBKey are required");
            }
            if (sessionToken.length != 32 || unwrapBKey.length != 32 || (keyFetchToken != null
                    && keyFetchToken.length != 32) || (kB != null && kB.length != 32)) {
                throw new IllegalArgumentException("FxA tokens and keys are 32 bytes");
            }
            sessionToken = sessionToken.clone();
            keyFetchToken = keyFetchToken == null ? null : keyFetchToken.clone();
            unwrapBKey = unwrapBKey.clone();
            kB = kB == null ? null : kB.clone();
        }

        @Override
        public byte[] sessionToken() {
            return sessionToken.clone();
        }

        @Override
        public byte[] keyFetchToken() {
            return keyFetchToken == null ? null : keyFetchToken.clone();
        }

        @Override
        public byte[] unwrapBKey() {
            return unwrapBKey.clone();
        }

        @Override
        public byte[] kB() {
            return kB == null ? null : kB.clone();
        }

        /** True while the keyFetchToken has not been used. */
        public boolean keyFetchTokenHeld() {
            return keyFetchToken != null;
        }

        /** Overwrites this copy's secrets. */
        public void wipe() {
            Bytes.wipe(sessionToken, keyFetchToken, unwrapBKey, kB);
        }

        /**
         * A compact binary form of every field, to seal (it is the secrets in clear). {@link #decode} reads it back.
         */
        public byte[] encode() {
            WipingBuffer buffer = new WipingBuffer();
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                out.writeByte(FORMAT);
                out.writeUTF(uid);
                out.writeUTF(email);
                out.write(sessionToken);
                writeOptional(out, keyFetchToken);
                out.write(unwrapBKey);
                out.writeBoolean(verified);
                out.writeUTF(verificationMethod == null ? "" : verificationMethod.name());
                out.writeBoolean(verificationReason != null);
                out.writeUTF(verificationReason == null ? "" : verificationReason);
                writeOptional(out, kB);
                out.flush();
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                buffer.wipe();
            }
        }

        /** Reads {@link #encode()}'s form. @throws IllegalArgumentException when it is not one */
        public static State decode(byte[] encoded) {
            byte[] session = new byte[32];
            byte[] unwrap = new byte[32];
            byte[] kft = null;
            byte[] kb = null;
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
                if (in.readUnsignedByte() != FORMAT) {
                    throw new IllegalArgumentException("not an encoded sign-in state");
                }
                String uid = in.readUTF();
                String email = in.readUTF();
                in.readFully(session);
                kft = readOptional(in);
                in.readFully(unwrap);
                boolean verified = in.readBoolean();
                String method = in.readUTF();
                boolean hasReason = in.readBoolean();
                String reason = in.readUTF();
                kb = readOptional(in);
                if (in.read() >= 0) {
                    throw new IllegalArgumentException("trailing bytes after an encoded sign-in state");
                }
                return new State(uid, email, session, kft, unwrap, verified,
                        method.isEmpty() ? null : VerificationMethod.valueOf(method), hasReason ? reason : null, kb);
            } catch (IOException e) {
                throw new IllegalArgumentException("not an encoded sign-in state", e);
            } finally {
                Bytes.wipe(session, unwrap, kft, kb);
            }
        }

        private static void writeOptional(DataOutputStream out, byte[] value) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                out.write(value);
            }
        }

        private static byte[] readOptional(DataInputStream in) throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            byte[] v = new byte[32];
            in.readFully(v);
            return v;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.uid.equals(uid) && s.email.equals(email)
                    && Arrays.equals(s.sessionToken, sessionToken)
                    && Arrays.equals(s.keyFetchToken, keyFetchToken)
                    && Arrays.equals(s.unwrapBKey, unwrapBKey) && s.verified == verified
                    && s.verificationMethod == verificationMethod
                    && Objects.equals(s.verificationReason, verificationReason)
                    && Arrays.equals(s.kB, kB);
        }

        @Override
        public int hashCode() {
            return uid.hashCode();
        }

        @Override
        public String toString() {
            return "PendingSignIn.State[uid=" + uid + ", verified=" + verified + ", method=" + verificationMethod
                    + ", keyFetchTokenHeld=" + keyFetchTokenHeld() + ", kB=" + (kB == null ? "none" : "<redacted>")
                    + ", secrets=<redacted>]";
        }
    }

    /** A byte buffer whose internal array can be overwritten once read. */
    private static final class WipingBuffer extends ByteArrayOutputStream {
        WipingBuffer() {
            super(1024);
        }

        void wipe() {
            Arrays.fill(buf, (byte) 0);
        }
    }
}
