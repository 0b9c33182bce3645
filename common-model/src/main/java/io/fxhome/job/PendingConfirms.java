package io.fxhome.job;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The broker's answers still awaited for one publish call; completes when every message is acked or nacked. */
final class PendingConfirms {
    private final int size;
    private final AtomicInteger unsettled;
    private final AtomicInteger nacked = new AtomicInteger();
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    /** Publish sequence numbers of this call's first and last message on the channel (contiguous: taken under a lock). */
    long firstSeqNo = -1;
    long lastSeqNo = -1;

    PendingConfirms(int size) {
        this.size = size;
        this.unsettled = new AtomicInteger(size);
    }

    void ack() {
        if (unsettled.decrementAndGet() == 0) {
            settled.complete(null);
        }
    }

    void nack() {
        nacked.incrementAndGet();
        ack();
    }

    void fail(String reason, Throwable cause) {
        settled.completeExceptionally(new SyncJobPublishException(reason, cause));
    }

    /** Waits for every confirm; throws if any message was refused, the channel failed, or time ran out. */
    void await(Duration timeout) {
        try {
            settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SyncJobPublishException(
                    "no publisher confirm within " + timeout + " for " + unsettled.get() + " of " + size + " jobs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncJobPublishException("interrupted while waiting for publisher confirms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SyncJobPublishException publishException) {
                throw new SyncJobPublishException(publishException.getMessage(), publishException.getCause());
            }
            throw new SyncJobPublishException("publish failed", e.getCause());
        }
        int refused = nacked.get();
        if (refused > 0) {
            throw new SyncJobPublishException("the broker refused (nack) " + refused + " of " + size + " jobs");
        }
    }
}
