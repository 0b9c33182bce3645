package io.fxhome.sync.hawk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** How the signer reads a request URI and the clock. */
class HawkSignerTest {

    @Test
    void resourceHostAndPortComeFromTheWireForm() {
        HawkArtifacts a = HawkArtifacts.forRequest(1, "n", "get",
                URI.create("https://Sync-1.Services.Mozilla.COM/1.5/1/storage/tabs?full=1&offset=1700000000000%3A2"),
                null, null);
        assertThat(a.host()).isEqualTo("sync-1.services.mozilla.com");
        assertThat(a.port()).isEqualTo(443);
        assertThat(a.resource()).isEqualTo("/1.5/1/storage/tabs?full=1&offset=1700000000000%3A2");
        assertThat(a.normalizedString()).startsWith("hawk.1.header\n1\nn\nGET\n");

        HawkArtifacts plain = HawkArtifacts.forRequest(1, "n", "GET", URI.create("http://example.com"), null, null);
        assertThat(plain.port()).isEqualTo(80);
        assertThat(plain.resource()).isEqualTo("/");

        HawkArtifacts idn = HawkArtifacts.forRequest(1, "n", "GET", URI.create("https://xn--bcher-kva.example/x"),
                null, null);
        assertThat(idn.host()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void theLearntOffsetMovesTs() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_999L), ZoneOffset.UTC);
        HawkSigner signer = new HawkSigner(clock, () -> "n");
        assertThat(signer.timestampSeconds()).isEqualTo(1_700_000_000L);
        signer.learnServerTime(1_700_000_600.5);
        assertThat(signer.clockOffset()).isEqualTo(Duration.ofMillis(599_501));
        assertThat(signer.timestampSeconds()).isEqualTo(1_700_000_600L);
        signer.setClockOffset(Duration.ofMillis(-1000));
        assertThat(signer.timestampSeconds()).isEqualTo(1_699_999_999L);
    }

    @Test
    void extIsEscapedInTheHeaderAndTheNormalizedString() {
        HawkArtifacts a = new HawkArtifacts(1, "n", "GET", "/", "h", 80, null, "a\"b\\c\nd");
        assertThat(a.normalizedString()).endsWith("\na\"b\\\\c\\nd\n");
        assertThat(HawkSigner.header(new HawkCredentials("id", new byte[] { 1 }), a)).contains("ext=\"a\\\"b\\\\c\nd\"");
    }
}
