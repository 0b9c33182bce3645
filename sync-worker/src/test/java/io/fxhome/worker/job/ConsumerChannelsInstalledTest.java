package io.fxhome.worker.job;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The connector's clients report to {@link ConsumerChannels}: both lanes' registrations are known from the start. */
@QuarkusTest
class ConsumerChannelsInstalledTest {
    @Inject
    ConsumerChannels channels;

    @Test
    void bothLanesRegisterThroughTheCollector() {
        await().atMost(Duration.ofSeconds(30)).until(() -> channels.openRegistrations() >= 2);
    }
}
