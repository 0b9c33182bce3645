package io.fxhome.faults;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server process of the fault suite's own (PostgreSQL, RabbitMQ): stopped and deleted exactly once, by
 * {@link #close()} or, when the test JVM ends first, by a shutdown hook, so that no orphan keeps running.
 */
abstract class PrivateServer implements AutoCloseable {
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Registers the shutdown hook; called once the server has started. */
    final void stopAtExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close();
            } catch (Exception | Error ignored) {
                // Stopping anyway; nothing to report to.
            }
        }));
    }

    @Override
    public final void close() throws IOException, InterruptedException {
        if (!closed.getAndSet(true)) {
            stopAndDelete();
        }
    }

    /** Stops the server (if it still runs) and deletes its directory. */
    protected abstract void stopAndDelete() throws IOException, InterruptedException;
}
