package io.fxhome.sync.error;

/**
 * The tokenserver refused to issue a Sync token ({@code {"status": "...", "errors": [...]}}, §3.3). 401s mean our
 * OAuth token or keys are not accepted; 5xx are outages. 503 with Retry-After surfaces as {@link BackedOffException}.
 */
public final class TokenServerException extends SyncException {

    /** The tokenserver's {@code status} string, as an enum. */
    public enum Kind {
        /** 401 invalid-credentials: OAuth access token bad, expired, revoked or without the oldsync scope. */
        INVALID_CREDENTIALS,
        /** 401 invalid-key-id: X-KeyID missing or malformed (a client bug). */
        INVALID_KEY_ID,
        /** 401 invalid-generation: the password changed since the OAuth token was issued. */
        INVALID_GENERATION,
        /** 401 invalid-keysChangedAt: our key rotation timestamp is stale. */
        INVALID_KEYS_CHANGED_AT,
        /** 401 invalid-client-state: our kB-derived client state is retired or mismatched. */
        INVALID_CLIENT_STATE,
        /** 403 new-users-disabled. */
        NEW_USERS_DISABLED,
        /** 400/404/405/406: a malformed request (a client bug). */
        BAD_REQUEST,
        /** 5xx: retry later. */
        SERVER_ERROR,
        /** Any other answer. */
        UNEXPECTED;

        /** Maps the {@code status} string of an error body; {@code null} or unknown strings map by HTTP status. */
        public static Kind of(int httpStatus, String status) {
            if (status != null) {
                switch (status) {
                    case "invalid-credentials":
                        return INVALID_CREDENTIALS;
                    case "invalid-key-id":
                        return INVALID_KEY_ID;
                    case "invalid-generation":
                        return INVALID_GENERATION;
                    case "invalid-keysChangedAt":
                        return INVALID_KEYS_CHANGED_AT;
                    case "invalid-client-state":
                        return INVALID_CLIENT_STATE;
                    case "new-users-disabled":
                        return NEW_USERS_DISABLED;
                    default:
                        break;
                }
            }
            if (httpStatus == 401) {
                return INVALID_CREDENTIALS;
            }
            if (httpStatus >= 500) {
                return SERVER_ERROR;
            }
            if (httpStatus >= 400 && httpStatus < 500) {
                return BAD_REQUEST;
            }
            return UNEXPECTED;
        }
    }

    private final Kind kind;
    private final int httpStatus;
    private final String statusText;

    public TokenServerException(int httpStatus, String statusText) {
        super("Tokenserver refused a token: HTTP " + httpStatus
                + (statusText != null ? " status \"" + statusText + "\"" : ""));
        this.kind = Kind.of(httpStatus, statusText);
        this.httpStatus = httpStatus;
        this.statusText = statusText;
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The raw {@code status} string of the error body, or {@code null}. */
    public String statusText() {
        return statusText;
    }

    @Override
    public SyncStatus status() {
        if (httpStatus == 401 || httpStatus == 403) {
            return SyncStatus.AUTH;
        }
        return httpStatus >= 500 ? SyncStatus.SERVICE : SyncStatus.OTHER;
    }
}
