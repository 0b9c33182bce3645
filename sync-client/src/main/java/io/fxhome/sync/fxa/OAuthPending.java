package io.fxhome.sync.fxa;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import io.fxhome.sync.crypto.Bytes;

/**
 * What must survive between sending the user to FxA's authorization page and the redirect back: the {@code state},
 * the PKCE verifier, the ephemeral P-256 private key that {@code keys_jwe} is encrypted to, and the client and
 * redirect URI the authorization was asked for. All secret; keep it server-side (never in a cookie), for one attempt
 * only. A caller that keeps it across processes seals {@link #encode()} and reads it back with {@link #decode}; the
 * canonical constructor restores it too.
 *
 * @param state the anti-CSRF state sent in the authorization URL
 * @param codeVerifier the PKCE verifier
 * @param privateKey the 32-byte P-256 private scalar
 * @param redirectUri the redirect URI sent
 * @param clientId the OAuth client id sent (the code is exchanged, and the refresh token later used, under it)
 */
public record OAuthPending(String state, String codeVerifier, byte[] privateKey, String redirectUri, String clientId) {
    private static final int FORMAT = 1;

    public OAuthPending {
        if (state == null || codeVerifier == null || privateKey == null || redirectUri == null || clientId == null) {
            throw new IllegalArgumentException("state, verifier, key, redirect URI and client id are required");
        }
        if (privateKey.length != 32) {
            throw new IllegalArgumentException("a P-256 private key is 32 bytes");
        }
        privateKey = privateKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** Overwrites the private key. */
    public void forget() {
        Bytes.wipe(privateKey);
    }

    /** True once {@link #forget()} ran (the key is all zeros). */
    public boolean isForgotten() {
        for (byte b : privateKey) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Every field in a compact binary form, to seal (it is the secrets in clear). */
    public byte[] encode() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT);
            out.writeUTF(state);
            out.writeUTF(codeVerifier);
            out.write(privateKey);
            out.writeUTF(redirectUri);
            out.writeUTF(clientId);
            out.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@link #encode()}'s form. @throws IllegalArgumentException when it is not one */
    public static OAuthPending decode(byte[] encoded) {
        byte[] key = new byte[32];
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readUnsignedByte() != FORMAT) {
                throw new IllegalArgumentException("not an encoded OAuth sign-in");
            }
            String state = in.readUTF();
            String verifier = in.readUTF();
            in.readFully(key);
            String redirectUri = in.readUTF();
            String clientId = in.readUTF();
            if (in.read() >= 0) {
                throw new IllegalArgumentException("trailing bytes after an encoded OAuth sign-in");
            }
            return new OAuthPending(state, verifier, key, redirectUri, clientId);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an encoded OAuth sign-in", e);
        } finally {
            Bytes.wipe(key);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OAuthPending p && p.state.equals(state) && p.codeVerifier.equals(codeVerifier)
                && Arrays.equals(p.privateKey, privateKey) && p.redirectUri.equals(redirectUri)
                && p.clientId.equals(clientId);
    }

    @Override
    public int hashCode() {
        return clientId.hashCode();
    }

    @Override
    public String toString() {
        return "OAuthPending[state=<redacted>, codeVerifier=<redacted>, privateKey=<redacted>, redirectUri="
                + redirectUri + ", clientId=" + clientId + "]";
    }
}
