package io.fxhome.sandbox.storage;

import java.util.Map;

/**
 * A storage error answer: the HTTP status, the {@link WeaveError} number that syncstorage-rs sends as the whole body
 * for Sync 1.1 compatibility, and any headers ({@code Allow}, {@code Retry-After}).
 */
public final class StorageException extends RuntimeException {
    private final int status;
    private final WeaveError error;
    private final Map<String, String> headers;

    public StorageException(int status, WeaveError error) {
        this(status, error, Map.of());
    }

    public StorageException(int status, WeaveError error, Map<String, String> headers) {
        super("storage " + status + " / " + error, null, false, false);
        this.status = status;
        this.error = error;
        this.headers = headers;
    }

    public static StorageException badRequest(WeaveError error) {
        return new StorageException(400, error);
    }

    public static StorageException unauthorized() {
        return new StorageException(401, WeaveError.UNKNOWN_ERROR);
    }

    public static StorageException notFound() {
        return new StorageException(404, WeaveError.UNKNOWN_ERROR);
    }

    /** 405 with {@code Allow}: the methods the resource takes, e.g. {@code "GET, POST, DELETE"}. */
    public static StorageException methodNotAllowed(String allowed) {
        return new StorageException(405, WeaveError.UNKNOWN_ERROR, Map.of("Allow", allowed));
    }

    public int status() {
        return status;
    }

    public WeaveError error() {
        return error;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
