package io.fxhome.sandbox.storage;

/**
 * The legacy Sync 1.1 error numbers that syncstorage-rs sends as the whole body of a storage error answer, with its
 * names (syncserver's {@code WeaveError}). It also defines 14, {@code OverQuota}, which the sandbox never answers.
 */
public enum WeaveError {
    /** Anything without a more precise number: a bad query or header, an unknown batch, 401/404/405/415/503. */
    UNKNOWN_ERROR(0),
    /** Illegal method/protocol: a malformed upload header, or totals headers outside a batch. */
    ILLEGAL_METHOD(1),
    /** The body is not JSON. */
    MALFORMED_JSON(6),
    /** Invalid Weave Basic Object: not an object, a bad field, or an id that is missing or differs from the URL's. */
    INVALID_WBO(8),
    /** Size limit exceeded: too many records or bytes in one request or batch. */
    SIZE_LIMIT_EXCEEDED(17);

    private final int code;

    WeaveError(int code) {
        this.code = code;
    }

    /** The number sent as the body. */
    public int code() {
        return code;
    }
}
