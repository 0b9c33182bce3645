package io.fxhome.worker.sync;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a page to PostgreSQL while the next page downloads and decrypts: at most one write in flight, so memory
 * holds two pages at most, whatever the collection's size. A failed write surfaces at the next {@link #submit} or
 * at {@link #drain}, on the downloading thread.
 */
final class PageWritePipeline implements AutoCloseable {
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("page-writer").factory());
    private Future<?> inFlight;

    void submit(Runnable write) {
        drain();
        inFlight = writer.submit(write);
    }

    /** Waits for the write in flight, rethrowing its failure. */
    void drain() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a page", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("page write failed", e.getCause());
        } finally {
            inFlight = null;
        }
    }

    @Override
    public void close() {
        try {
            drain();
        } finally {
            writer.shutdownNow();
        }
    }
}
