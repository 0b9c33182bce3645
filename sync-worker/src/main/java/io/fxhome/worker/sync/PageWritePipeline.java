package io.fxhome.worker.sync;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Writes pages to PostgreSQL while the next page downloads and decrypts, each write in its own transaction on its own
 * connection. One write is in flight; more only for collections whose pages commute (history and bookmarks: each
 * write touches only its own records),
 * each extra one holding a permit of the process-wide {@code extraWriters} while it runs, so that a large sync keeps
 * more than one PostgreSQL backend busy when the process has connections to spare, and a busy process never opens more
 * than one write per account plus its permits. Memory holds the pages in flight plus the one downloading, whatever
 * the collection's size. A failed write surfaces at the next {@link #submit} or at {@link #drain}, on the downloading
 * thread, once the other writes in flight have finished.
 */
final class PageWritePipeline implements AutoCloseable {
    private final Semaphore extraWriters;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("page-writer-", 0).factory());
    private final Deque<Future<?>> inFlight = new ArrayDeque<>();

    /** One write at a time. */
    PageWritePipeline() {
        this(new Semaphore(0));
    }

    /** One write at a time, more while permits of {@code extraWriters} are free. */
    PageWritePipeline(Semaphore extraWriters) {
        this.extraWriters = extraWriters;
    }

    void submit(Runnable write) {
        while (!inFlight.isEmpty()) {
            if (extraWriters.tryAcquire()) {
                inFlight.add(executor.submit(() -> {
                    try {
                        write.run();
                    } finally {
                        extraWriters.release();
                    }
                }));
                return;
            }
            awaitOldest();
        }
        inFlight.add(executor.submit(write));
    }

    /** Waits for every write in flight, rethrowing the first failure. */
    void drain() {
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    private void awaitOldest() {
        Future<?> oldest = inFlight.peekFirst();
        try {
            oldest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a page", e);
        } catch (ExecutionException e) {
            // The others still in flight finish (or fail) before the failure is reported: no write outlives the sync.
            inFlight.removeFirst();
            drainQuietly();
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("page write failed", e.getCause());
        }
        inFlight.removeFirst();
    }

    private void drainQuietly() {
        for (Future<?> f : inFlight) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException ignored) {
                // the first failure is the one reported
            }
        }
        inFlight.clear();
    }

    @Override
    public void close() {
        try {
            drain();
        } finally {
            executor.shutdownNow();
        }
    }
}
