package io.fxhome.sandbox.storage;

import java.util.Map;

/**
 * A storage error answer: the HTTP status and the bare-integer body syncstorage-rs sends for Sync 1.1 compatibility
 * (0 unknown, 1 illegal method/protocol, 6 JSON parse failure, 8 invalid BSO, 14 over quota, 17 size limit).
 */
public final class StorageException extends RuntimeException {
    private final int status;
    private final int weaveCode;
    private final Map<String, String> headers;

    public StorageException(int status, int weaveCode) {
        this(status, weaveCode, Map.of());
    }

    public StorageException(int status, int weaveCode, Map<String, String> headers) {
        super("storage " + status + " / " + weaveCode, null, false, false);
        this.status = status;
        this.weaveCode = weaveCode;
        this.headers = headers;
    }

    public static StorageException badRequest(int weaveCode) {
        return new StorageException(400, weaveCode);
    }

    public static StorageException unauthorized() {
        return new StorageException(401, 0);
    }

    public static StorageException notFound() {
        return new StorageException(404, 0);
    }

    public int status() {
        return status;
    }

    public int weaveCode() {
        return weaveCode;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
