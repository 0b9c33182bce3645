package io.fxhome.sandbox.fxa;

/** A session on the auth server, found by its token id; holds its Hawk key, never the token itself. */
public final class SessionToken {
    private final String tokenId;
    private final byte[] reqHmacKey;
    private final String uid;
    private final long authAt;
    private volatile boolean verified;
    private volatile String emailCode;

    public SessionToken(String tokenId, byte[] reqHmacKey, String uid, long authAt, boolean verified) {
        this.tokenId = tokenId;
        this.reqHmacKey = reqHmacKey.clone();
        this.uid = uid;
        this.authAt = authAt;
        this.verified = verified;
    }

    public String tokenId() {
        return tokenId;
    }

    public byte[] reqHmacKey() {
        return reqHmacKey.clone();
    }

    public String uid() {
        return uid;
    }

    /** Seconds since epoch of the authentication that created this session. */
    public long authAt() {
        return authAt;
    }

    public boolean verified() {
        return verified;
    }

    public void markVerified() {
        verified = true;
        emailCode = null;
    }

    public String emailCode() {
        return emailCode;
    }

    public void emailCode(String code) {
        emailCode = code;
    }

    @Override
    public String toString() {
        return "SessionToken[uid=" + uid + ", verified=" + verified + "]";
    }
}
