package io.fxhome.sync.error;

/** The request never got an HTTP answer: DNS, connect, TLS, timeout, reset, or the thread was interrupted. */
public final class NetworkException extends SyncException {
    private final String route;

    public NetworkException(String route, Throwable cause) {
        super("Network failure on " + route + ": " + cause.getClass().getSimpleName(), cause);
        this.route = route;
    }

    /** Method and path of the failed request, without query. */
    public String route() {
        return route;
    }

    @Override
    public SyncStatus status() {
        return SyncStatus.NETWORK;
    }
}
