package io.fxhome.worker.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PageWritePipelineTest {

    @Test
    void withoutPermitsOneWriteIsInFlight() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (PageWritePipeline pipeline = new PageWritePipeline()) {
            for (int i = 0; i < 20; i++) {
                pipeline.submit(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(2);
                    running.decrementAndGet();
                });
            }
            pipeline.drain();
        }
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void freePermitsLetWritesOverlapAndAreGivenBack() throws InterruptedException {
        Semaphore permits = new Semaphore(2);
        CountDownLatch threeRunning = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        try (PageWritePipeline pipeline = new PageWritePipeline(permits)) {
            for (int i = 0; i < 3; i++) {
                pipeline.submit(() -> {
                    threeRunning.countDown();
                    await(release);
                });
            }
            // The account's own writer plus both permits: three pages are written at once.
            assertThat(threeRunning.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(permits.availablePermits()).isZero();
            release.countDown();
            pipeline.drain();
        }
        assertThat(permits.availablePermits()).isEqualTo(2);
    }

    @Test
    void aSlowWriteDoesNotHoldBackTheNextPageWhileAPermitIsFree() throws InterruptedException {
        Semaphore permits = new Semaphore(1);
        CountDownLatch slowMayEnd = new CountDownLatch(1);
        AtomicBoolean slowRunning = new AtomicBoolean(true);
        AtomicBoolean thirdRanBesideTheSlowOne = new AtomicBoolean();
        CountDownLatch thirdRan = new CountDownLatch(1);
        try (PageWritePipeline pipeline = new PageWritePipeline(permits)) {
            pipeline.submit(() -> {
                await(slowMayEnd);
                slowRunning.set(false);
            });
            pipeline.submit(() -> {
            });
            // The second page's write ends and gives its permit back while the first is still running. The third
            // page is written then, instead of waiting for the first.
            pipeline.submit(() -> {
                thirdRanBesideTheSlowOne.set(slowRunning.get());
                thirdRan.countDown();
            });
            assertThat(thirdRan.await(5, TimeUnit.SECONDS)).isTrue();
            slowMayEnd.countDown();
            pipeline.drain();
        }
        assertThat(thirdRanBesideTheSlowOne).isTrue();
        assertThat(permits.availablePermits()).isEqualTo(1);
    }

    @Test
    void theAccountsOwnWriteIsTakenAgainWhileAnExtraOneRuns() throws InterruptedException {
        Semaphore permits = new Semaphore(1);
        CountDownLatch ownMayEnd = new CountDownLatch(1);
        CountDownLatch ownEnded = new CountDownLatch(1);
        CountDownLatch extraMayEnd = new CountDownLatch(1);
        AtomicBoolean extraRunning = new AtomicBoolean(true);
        AtomicBoolean thirdRanBesideTheExtra = new AtomicBoolean();
        try (PageWritePipeline pipeline = new PageWritePipeline(permits)) {
            pipeline.submit(() -> {
                await(ownMayEnd);
                ownEnded.countDown();
            });
            pipeline.submit(() -> {
                await(extraMayEnd);
                extraRunning.set(false);
            });
            ownMayEnd.countDown();
            assertThat(ownEnded.await(5, TimeUnit.SECONDS)).isTrue();
            // The account's own write (the one without a permit) has ended; the second holds the only permit. The
            // third takes the own slot at once instead of waiting for the write that holds the permit.
            CountDownLatch thirdRan = new CountDownLatch(1);
            pipeline.submit(() -> {
                thirdRanBesideTheExtra.set(extraRunning.get());
                thirdRan.countDown();
            });
            assertThat(thirdRan.await(5, TimeUnit.SECONDS)).isTrue();
            extraMayEnd.countDown();
            pipeline.drain();
        }
        assertThat(thirdRanBesideTheExtra).isTrue();
        assertThat(permits.availablePermits()).isEqualTo(1);
    }

    @Test
    void aFailedWriteSurfacesAfterTheOthersFinished() {
        Semaphore permits = new Semaphore(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        CountDownLatch page2Submitted = new CountDownLatch(1);
        PageWritePipeline pipeline = new PageWritePipeline(permits);
        pipeline.submit(() -> {
            await(page2Submitted);
            throw new IllegalStateException("page 1 failed");
        });
        pipeline.submit(() -> {
            sleep(100);
            finished.add("page 2");
        });
        page2Submitted.countDown();
        assertThatThrownBy(pipeline::drain).hasMessage("page 1 failed");
        // Reported only once the write still in flight had finished, its permit given back.
        assertThat(finished).containsExactly("page 2");
        assertThat(permits.availablePermits()).isEqualTo(1);
        pipeline.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
