package io.fxhome.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.junit.jupiter.api.Test;

class JobInstantsTest {

    @Test
    void readsWhatInstantWritesAtEveryPrecision() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS,
                    ChronoUnit.NANOS }) {
                Instant truncated = t.truncatedTo(unit);
                String text = truncated.toString();
                Instant fast = JobInstants.parseUtc(text);
                // Years beyond 9999 are written with a sign, which the general parse takes.
                if (text.startsWith("+") || text.startsWith("-")) {
                    assertThat(fast).isNull();
                } else {
                    assertThat(fast).as(text).isEqualTo(truncated).isEqualTo(Instant.parse(text));
                }
            }
        }
    }

    @Test
    void leavesEveryOtherFormToTheGeneralParse() {
        assertThat(JobInstants.parseUtc("2026-11-30T06:00:00+01:00")).isNull();
        assertThat(JobInstants.parseUtc("2026-11-30T06:00Z")).isNull();
        assertThat(JobInstants.parseUtc("2026-11-30T06:00:00.Z")).isNull();
        assertThat(JobInstants.parseUtc("2026-11-30T06:00:00.1234567890Z")).isNull();
        assertThat(JobInstants.parseUtc("2026-02-30T06:00:00Z")).isNull();
        assertThat(JobInstants.parseUtc("2026-11-30T24:00:00Z")).isNull();
        assertThat(JobInstants.parseUtc("2026-1a-30T06:00:00Z")).isNull();
        assertThat(JobInstants.parseUtc("2026-11-30 06:00:00Z")).isNull();
    }

    @Test
    void theCodecStillTakesOffsetsAndEpochSecondsAndRefusesNonsense() {
        assertThat(decode("\"2026-11-30T07:00:00+01:00\"").requestedAt()).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(decode("1796018400").requestedAt()).isEqualTo(Instant.ofEpochSecond(1796018400));
        assertThat(decode("\"2026-11-30T06:00:00.5Z\"").requestedAt()).isEqualTo(Instant.parse("2026-11-30T06:00:00.500Z"));
        assertThatThrownBy(() -> decode("\"2026-02-30T06:00:00Z\"")).isInstanceOf(InvalidSyncJobException.class);
        assertThatThrownBy(() -> decode("\"yesterday\"")).isInstanceOf(InvalidSyncJobException.class);
    }

    private static SyncJob decode(String requestedAt) {
        return SyncJobCodec.decode(("{\"version\":1,\"accountId\":\"0190f6a1-7c1e-7b2a-9d4e-3f5a6b7c8d9e\","
                + "\"reason\":\"SCHEDULED\",\"requestedAt\":" + requestedAt + ",\"attempt\":0}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
