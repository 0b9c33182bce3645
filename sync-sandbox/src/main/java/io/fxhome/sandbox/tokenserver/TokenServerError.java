package io.fxhome.sandbox.tokenserver;

/**
 * A tokenserver error answer, rendered as syncstorage-rs does:
 * {@code {"status": ..., "errors": [{"location", "name", "description"}]}}.
 */
public final class TokenServerError extends Exception {
    private final int httpStatus;
    private final String status;
    private final String location;
    private final String name;
    private final String description;

    public TokenServerError(int httpStatus, String status, String location, String name, String description) {
        super(status, null, false, false);
        this.httpStatus = httpStatus;
        this.status = status;
        this.location = location;
        this.name = name;
        this.description = description;
    }

    public static TokenServerError invalidCredentials() {
        return new TokenServerError(401, "invalid-credentials", "body", "", "Unauthorized");
    }

    public static TokenServerError invalidKeyId(String description) {
        return new TokenServerError(401, "invalid-key-id", "header", "", description);
    }

    public static TokenServerError invalidClientState(String description) {
        return new TokenServerError(401, "invalid-client-state", "header", "X-Client-State", description);
    }

    public static TokenServerError invalidKeysChangedAt() {
        return new TokenServerError(401, "invalid-keysChangedAt", "body", "", "Unauthorized");
    }

    public static TokenServerError invalidGeneration() {
        return new TokenServerError(401, "invalid-generation", "body", "", "Unauthorized");
    }

    public static TokenServerError unauthorized(String description) {
        return new TokenServerError(401, "error", "body", "", description);
    }

    public static TokenServerError unavailable() {
        return new TokenServerError(503, "error", "body", "", "Resource is not available");
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String toJson() {
        return "{\"status\":\"" + status + "\",\"errors\":[{\"location\":\"" + location + "\",\"name\":\"" + name
                + "\",\"description\":\"" + description.replace("\"", "\\\"") + "\"}]}";
    }
}
