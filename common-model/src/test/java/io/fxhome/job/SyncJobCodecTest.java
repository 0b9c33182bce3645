package io.fxhome.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SyncJobCodecTest {

    /** The fixture is the contract: the scheduler and web-app tests encode to it, the worker tests decode it. */
    static byte[] fixture() throws IOException {
        try (InputStream in = SyncJobCodecTest.class.getResourceAsStream("/job/sync-job-v1.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void decodesTheFixture() throws IOException {
        SyncJob job = SyncJobCodec.decode(fixture());
        assertThat(job).isEqualTo(new SyncJob(1, UUID.fromString("0190f6a1-7c1e-7b2a-9d4e-3f5a6b7c8d9e"),
                SyncReason.FIRST_LINK, Instant.parse("2026-11-30T06:00:00Z"), 0));
        assertThat(job.queue()).isEqualTo(SyncQueues.INTERACTIVE);
    }

    @Test
    void encodesToTheFixture() throws IOException {
        SyncJob job = SyncJob.of(UUID.fromString("0190f6a1-7c1e-7b2a-9d4e-3f5a6b7c8d9e"), SyncReason.FIRST_LINK,
                Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(new String(SyncJobCodec.encode(job), StandardCharsets.UTF_8))
                .isEqualTo(new String(fixture(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void roundTripsEveryReasonAndAttempt() {
        for (SyncReason reason : SyncReason.values()) {
            SyncJob job = SyncJob.of(UUID.randomUUID(), reason, Instant.parse("2026-01-02T03:04:05.678Z")).nextAttempt()
                    .nextAttempt();
            assertThat(SyncJobCodec.decode(SyncJobCodec.encode(job))).isEqualTo(job);
            assertThat(job.attempt()).isEqualTo(2);
            assertThat(job.queue()).isEqualTo(reason == SyncReason.SCHEDULED ? SyncQueues.SCHEDULED : SyncQueues.INTERACTIVE);
        }
    }

    @Test
    void ignoresUnknownFieldsOfTheSameVersion() {
        String json = "{\"version\":1,\"accountId\":\"0190f6a1-7c1e-7b2a-9d4e-3f5a6b7c8d9e\",\"reason\":\"SCHEDULED\","
                + "\"requestedAt\":\"2026-11-30T06:00:00Z\",\"attempt\":3,\"traceId\":\"abc\"}";
        assertThat(SyncJobCodec.decode(json.getBytes(StandardCharsets.UTF_8)).attempt()).isEqualTo(3);
    }

    @Test
    void rejectsWhatNoWorkerCanActOn() {
        assertThatThrownBy(() -> SyncJobCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSyncJobException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> SyncJobCodec.decode("{\"version\":2}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSyncJobException.class).hasMessageContaining("version 2");
        assertThatThrownBy(
                () -> SyncJobCodec.decode("{\"version\":1,\"reason\":\"SCHEDULED\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSyncJobException.class);
        assertThatThrownBy(() -> SyncJobCodec.decode("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSyncJobException.class).hasMessageContaining("object");
    }

    @Test
    void aMessageWithoutWorkIsAWholeSync() throws IOException {
        // Every message written before the field existed (and every sync's message since) reads as a whole sync.
        assertThat(SyncJobCodec.decode(fixture()).work()).isEqualTo(SyncJob.Work.SYNC);
    }

    @Test
    void receiveCommandsRoundTripsAndGoesOnTheInteractiveLane() throws IOException {
        byte[] fixture;
        try (InputStream in = SyncJobCodecTest.class.getResourceAsStream("/job/receive-commands-v1.json")) {
            fixture = in.readAllBytes();
        }
        SyncJob job = SyncJob.receiveCommands(UUID.fromString("0190f6a1-7c1e-7b2a-9d4e-3f5a6b7c8d9e"),
                Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(new String(SyncJobCodec.encode(job), StandardCharsets.UTF_8))
                .isEqualTo(new String(fixture, StandardCharsets.UTF_8).strip());
        assertThat(SyncJobCodec.decode(fixture)).isEqualTo(job);
        assertThat(job.queue()).isEqualTo(SyncQueues.INTERACTIVE);
        assertThat(job.nextAttempt().work()).isEqualTo(SyncJob.Work.RECEIVE_COMMANDS);
    }
}
