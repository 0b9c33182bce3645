package io.fxhome.worker.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Writes pages to PostgreSQL while the next page downloads and decrypts, each write in its own transaction on its own
 * connection. One write is in flight; more only for collections whose pages commute (history and bookmarks: each
 * write touches only its own records), each extra one holding a permit of the process-wide {@code extraWriters} while it
 * runs, so that a large sync keeps more than one PostgreSQL backend busy when the process has connections to spare, and
 * a busy process never opens more than one write per account plus its permits. The next page goes out as soon as any
 * write in flight ends (pages finish out of order: waiting for the oldest kept writers idle behind a slow one). Memory
 * holds the pages in flight plus the one downloading, whatever the collection's size. A failed write surfaces at the
 * next {@link #submit} or at {@link #drain}, on the downloading thread, once the other writes in flight have finished.
 */
final class PageWritePipeline implements AutoCloseable {
    private final Semaphore extraWriters;
    private final ExecutorService executor = Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("page-writer-", 0).factory());
    private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    /** The write in flight that holds no permit, if any. */
    private CompletableFuture<Void> own;

    /** One write at a time. */
    PageWritePipeline() {
        this(new Semaphore(0));
    }

    /** One write at a time, more while permits of {@code extraWriters} are free. */
    PageWritePipeline(Semaphore extraWriters) {
        this.extraWriters = extraWriters;
    }

    void submit(Runnable write) {
        reapFinished();
        while (true) {
            // The account's own write needs no permit; any other write in flight holds one.
            if (own == null || own.isDone()) {
                own = CompletableFuture.runAsync(write, executor);
                inFlight.add(own);
                return;
            }
            if (extraWriters.tryAcquire()) {
                inFlight.add(CompletableFuture.runAsync(() -> {
                    try {
                        write.run();
                    } finally {
                        extraWriters.release();
                    }
                }, executor));
                return;
            }
            awaitAny();
            reapFinished();
        }
    }

    /** Waits for every write in flight, rethrowing the first failure. */
    void drain() {
        while (!inFlight.isEmpty()) {
            awaitAny();
            reapFinished();
        }
    }

    private void awaitAny() {
        try {
            CompletableFuture.anyOf(inFlight.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a page", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: failures are handled above", e);
        }
    }

    /** Forgets the writes that ended; if one failed, waits for the others and throws its failure. */
    private void reapFinished() {
        Throwable failure = null;
        for (var it = inFlight.iterator(); it.hasNext();) {
            CompletableFuture<Void> f = it.next();
            if (f.isDone()) {
                it.remove();
                if (failure == null && f.isCompletedExceptionally()) {
                    failure = causeOf(f);
                }
            }
        }
        if (failure != null) {
            // The others still in flight finish (or fail) before the failure is reported: no write outlives the sync.
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((ignored, other) -> null).join();
            inFlight.clear();
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("page write failed", failure);
        }
    }

    private static Throwable causeOf(CompletableFuture<Void> failed) {
        try {
            failed.join();
            throw new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (CancellationException e) {
            return e;
        }
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
