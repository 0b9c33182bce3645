package io.fxhome.sync.error;

import java.util.OptionalInt;

/**
 * The Sync storage server answered with an HTTP status the client does not handle itself. 5xx (and a 412 that kept
 * recurring while paging) are service trouble to retry later; other 4xx are client bugs.
 */
public final class StorageHttpException extends SyncException {
    private final String route;
    private final int httpStatus;
    private final OptionalInt weaveErrorCode;

    public StorageHttpException(String route, int httpStatus, OptionalInt weaveErrorCode) {
        super(route + " answered HTTP " + httpStatus
                + (weaveErrorCode.isPresent() ? " (Sync error code " + weaveErrorCode.getAsInt() + ")" : ""));
        this.route = route;
        this.httpStatus = httpStatus;
        this.weaveErrorCode = weaveErrorCode;
    }

    public String route() {
        return route;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The bare integer body of a 400 answer (§5.7 of the protocol notes), when there was one. */
    public OptionalInt weaveErrorCode() {
        return weaveErrorCode;
    }

    /** 513 means the service was decommissioned: not something a retry fixes. */
    @Override
    public SyncStatus status() {
        if (httpStatus == 513) {
            return SyncStatus.OTHER;
        }
        return httpStatus >= 500 || httpStatus == 412 || httpStatus == 409 ? SyncStatus.SERVICE : SyncStatus.OTHER;
    }
}
