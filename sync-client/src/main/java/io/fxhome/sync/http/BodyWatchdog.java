package io.fxhome.sync.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the reading of a response body, which {@code java.net.http} leaves unbounded: a server that sends its headers
 * and then stalls would hold the reading thread forever. One daemon thread for the whole process wakes when a guarded
 * body has been silent for its read timeout or passed its deadline, and closes the body's stream; the blocked
 * {@code read} then returns, and the guard turns that into an {@link HttpTimeoutException} (never a silent end of
 * body). Silence counts only while the reader waits in {@code read}: time the caller spends between reads (parsing,
 * writing what it read) is not the server's. Costs one scheduled task per body, re-armed at most once per read
 * timeout.
 */
final class BodyWatchdog {
    private static final ScheduledExecutorService TIMER = timer();

    private BodyWatchdog() {
    }

    /**
     * Removes a task from its queue when it is cancelled, as every body that ends in time cancels its own: otherwise
     * each stays queued until its read timeout and the thread wakes for it only to drop it, one wake-up per HTTP
     * exchange 30 s later and a queue of tens of thousands in a busy worker (docs/benchmarks.md, "A fleet under load").
     */
    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fxhome-http-body-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * @param body the raw body stream, as {@code BodyHandlers.ofInputStream()} gives it
     * @param readNanos the longest silence between two bytes
     * @param deadlineNanos {@link System#nanoTime()} by which the last byte must have come
     */
    static InputStream guard(InputStream body, long readNanos, long deadlineNanos) {
        Guarded g = new Guarded(body, readNanos, deadlineNanos);
        g.arm(System.nanoTime());
        return g;
    }

    private static final class Guarded extends FilterInputStream {
        private final long readNanos;
        private final long deadlineNanos;
        /** When the server last gave bytes, or the reader last began to wait for them. */
        private volatile long lastProgress;
        private volatile boolean reading;
        /** The thread inside {@code read}, to wake when the body expires; guarded by this. */
        private Thread reader;
        private final byte[] single = new byte[1];
        private volatile String expired;
        private volatile boolean closed;
        private ScheduledFuture<?> check;

        Guarded(InputStream in, long readNanos, long deadlineNanos) {
            super(in);
            this.readNanos = readNanos;
            this.deadlineNanos = deadlineNanos;
            this.lastProgress = System.nanoTime();
        }

        private synchronized void arm(long now) {
            if (closed) {
                return;
            }
            // Between reads the server owes nothing: look again a read timeout later.
            long idleAt = reading ? lastProgress + readNanos : now + readNanos;
            long wakeAt = Math.min(idleAt, deadlineNanos);
            check = TIMER.schedule(this::check, Math.max(0, wakeAt - now), TimeUnit.NANOSECONDS);
        }

        private void check() {
            long now = System.nanoTime();
            if (closed) {
                return;
            }
            if (now - deadlineNanos >= 0) {
                expire("the body did not end in time");
            } else if (reading && now - (lastProgress + readNanos) >= 0) {
                expire("no byte for " + seconds(readNanos) + " in the middle of the body");
            } else {
                arm(now);
            }
        }

        private static String seconds(long nanos) {
            long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
            return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        }

        /**
         * Closes the stream and wakes its reader, both off this thread: closing a body may wait for the connection, and
         * the one watchdog thread must never wait for anyone.
         */
        private void expire(String why) {
            synchronized (this) {
                expired = why;
                if (reader != null) {
                    // The reader is inside read: the interrupt can land nowhere else, and read clears it.
                    reader.interrupt();
                }
            }
            Thread.ofVirtual().name("fxhome-http-body-close").start(() -> {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // The reader gets the timeout; a failure to close adds nothing.
                }
            });
        }

        @Override
        public int read() throws IOException {
            return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            failIfExpired(null);
            int n;
            synchronized (this) {
                lastProgress = System.nanoTime();
                reading = true;
                reader = Thread.currentThread();
            }
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                failIfExpired(e);
                throw e;
            } finally {
                synchronized (this) {
                    reading = false;
                    reader = null;
                    if (expired != null) {
                        // An interrupt meant for this read must not outlive it.
                        Thread.interrupted();
                    }
                }
            }
            // Closed under the reader, the stream reports an end of body that is not one.
            failIfExpired(null);
            if (n > 0) {
                lastProgress = System.nanoTime();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
            int read = read(buffer, 0, (int) Math.min(buffer.length, n));
            return Math.max(0, read);
        }

        private void failIfExpired(IOException cause) throws HttpTimeoutException {
            String why = expired;
            if (why != null) {
                HttpTimeoutException e = new HttpTimeoutException(why);
                if (cause != null) {
                    e.initCause(cause);
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (this) {
                closed = true;
                if (check != null) {
                    check.cancel(false);
                }
            }
            in.close();
        }
    }
}
