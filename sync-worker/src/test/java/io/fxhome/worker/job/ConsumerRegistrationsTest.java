package io.fxhome.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerRegistrationsTest {
    private final ConsumerRegistrations registrations = new ConsumerRegistrations();

    @Test
    void aDeliveryOfTheLanesNewestRegistrationIsSettledThere() {
        registrations.note("sync-scheduled", "amq.ctag-1");
        registrations.note("sync-scheduled", "amq.ctag-1");
        assertThat(registrations.superseded("sync-scheduled", "amq.ctag-1")).isFalse();
    }

    @Test
    void oneDeliveredBeforeAReconnectionIsSupersededOnceTheNewRegistrationDelivers() {
        registrations.note("sync-scheduled", "amq.ctag-1");
        registrations.note("sync-scheduled", "amq.ctag-2");
        // A job of the first registration that reached the pool late does not make it current again.
        registrations.note("sync-scheduled", "amq.ctag-1");
        assertThat(registrations.superseded("sync-scheduled", "amq.ctag-1")).isTrue();
        assertThat(registrations.superseded("sync-scheduled", "amq.ctag-2")).isFalse();
    }

    @Test
    void lanesReconnectEachOnItsOwn() {
        registrations.note("sync-scheduled", "amq.ctag-1");
        registrations.note("sync-interactive", "amq.ctag-a");
        registrations.note("sync-scheduled", "amq.ctag-2");
        assertThat(registrations.superseded("sync-interactive", "amq.ctag-a")).isFalse();
    }

    @Test
    void aMessageWithoutATagIsAlwaysSettled() {
        registrations.note("sync-scheduled", null);
        assertThat(registrations.superseded("sync-scheduled", null)).isFalse();
    }

    @Test
    void aRegistrationOlderThanAllTheOnesKeptIsSuperseded() {
        for (int i = 0; i < 40; i++) {
            registrations.note("sync-scheduled", "amq.ctag-" + i);
        }
        assertThat(registrations.superseded("sync-scheduled", "amq.ctag-0")).isTrue();
        assertThat(registrations.superseded("sync-scheduled", "amq.ctag-39")).isFalse();
    }
}
