package io.fxhome.sync.error;

/** A server answered, but not in the shape the protocol promises (bad JSON, missing header or field). */
public final class ServerProtocolException extends SyncException {
    private final String route;

    public ServerProtocolException(String route, String problem) {
        super("Malformed answer to " + route + ": " + problem);
        this.route = route;
    }

    public ServerProtocolException(String route, String problem, Throwable cause) {
        super("Malformed answer to " + route + ": " + problem, cause);
        this.route = route;
    }

    /** Method and path of the request, without query. */
    public String route() {
        return route;
    }

    @Override
    public SyncStatus status() {
        return SyncStatus.SERVICE;
    }
}
