package io.fxhome.sync.error;

import java.net.http.HttpTimeoutException;

/** The request never got an HTTP answer: DNS, connect, TLS, timeout, reset, or the thread was interrupted. */
public final class NetworkException extends SyncException {
    private final String route;

    public NetworkException(String route, Throwable cause) {
        super("Network failure on " + route + ": " + describe(cause), cause);
        this.route = route;
    }

    /** The cause's type, and for a timeout its text too (ours, or the JDK's "request timed out": never a secret). */
    private static String describe(Throwable cause) {
        return cause instanceof HttpTimeoutException t && t.getMessage() != null
                ? "timed out (" + t.getMessage() + ")"
                : cause.getClass().getSimpleName();
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
