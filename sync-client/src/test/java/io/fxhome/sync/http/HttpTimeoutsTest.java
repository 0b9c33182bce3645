package io.fxhome.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.error.NetworkException;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.testsupport.StreamingServer;

/**
 * Every upstream call ends: a body that stalls, one that dribbles forever, a sync whose budget runs out, a sign-in.
 * Upper bounds are generous: the build machine is shared, and the point is that the call ends, not how fast.
 */
class HttpTimeoutsTest {
    private static final HttpTimeouts SHORT = new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofMillis(500), Duration.ofSeconds(3));

    private static byte[] read(HttpTransport http, StreamingServer server) {
        try (HttpAnswer answer = http.send(http.newRequest(server.baseUri().resolve("/page")).GET().build(),
                "GET /page")) {
            return answer.bodyBytes();
        }
    }

    @Test
    void aBodyThatStallsAfterItsFirstBytesFailsAfterTheReadTimeout() {
        try (StreamingServer server = new StreamingServer(ex -> {
            StreamingServer.startJson(ex, 1000, "[{\"id\":\"a\"".getBytes(StandardCharsets.UTF_8));
            StreamingServer.stall();
        })) {
            HttpTransport http = HttpTransport.create("test", SHORT);
            long start = System.nanoTime();
            assertThatThrownBy(() -> read(http, server)).isInstanceOf(NetworkException.class)
                    .hasMessageContaining("GET /page")
                    .hasMessageContaining("timed out (no byte for 500 ms in the middle of the body)")
                    .hasCauseInstanceOf(HttpTimeoutException.class);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).isBetween(450L, 20_000L);
        }
    }

    @Test
    void aBodyThatNeverEndsFailsAtTheExchangeDeadlineAlthoughBytesKeepComing() {
        try (StreamingServer server = new StreamingServer(ex -> {
            OutputStream out = StreamingServer.startJson(ex, -1, "[".getBytes(StandardCharsets.UTF_8));
            while (true) {
                out.write(' ');
                out.flush();
                Thread.sleep(100);
            }
        })) {
            HttpTransport http = HttpTransport.create("test", SHORT);
            long start = System.nanoTime();
            assertThatThrownBy(() -> read(http, server)).isInstanceOf(NetworkException.class)
                    .hasMessageContaining("the body did not end in time");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).isBetween(2_900L, 15_000L);
        }
    }

    @Test
    void aSyncDeadlineCutsTheWaitForHeadersAndRefusesLaterCalls() throws InterruptedException {
        try (StreamingServer server = new StreamingServer(ex -> StreamingServer.stall())) {
            HttpTransport http = HttpTransport.create("test", SHORT).withDeadline(Duration.ofSeconds(1));
            long start = System.nanoTime();
            assertThatThrownBy(() -> read(http, server)).isInstanceOf(NetworkException.class)
                    .hasCauseInstanceOf(HttpTimeoutException.class);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).isBetween(900L, 10_000L);
            assertThatThrownBy(() -> read(http, server)).isInstanceOf(NetworkException.class)
                    .hasMessageContaining("the sync's deadline of 1 s passed");
        }
    }

    @Test
    void aSlowButSteadyBodyWithinItsDeadlineIsReadWhole() {
        byte[] body = "[\"a\",\"b\",\"c\",\"d\",\"e\"]".getBytes(StandardCharsets.UTF_8);
        try (StreamingServer server = new StreamingServer(ex -> {
            OutputStream out = StreamingServer.startJson(ex, body.length, new byte[0]);
            for (byte b : body) {
                out.write(b);
                out.flush();
                Thread.sleep(60);
            }
        })) {
            HttpTransport http = HttpTransport.create("test", SHORT);
            assertThat(read(http, server)).isEqualTo(body);
            // The connection went back to the pool and serves the next call.
            assertThat(read(http, server)).isEqualTo(body);
        }
    }

    @Test
    void aSignInWhoseAuthServerStallsMidAnswerFailsInsteadOfHoldingItsThread() {
        try (StreamingServer server = new StreamingServer(ex -> {
            StreamingServer.startJson(ex, 200, "{\"currentVersion\":".getBytes(StandardCharsets.UTF_8));
            StreamingServer.stall();
        })) {
            // A long exchange bound: a cold sign-in (class loading on a busy machine) must not reach it first.
            FxaClient fxa = FxaClient.create(FxaConfig.production().withAuthUrl(server.baseUri()),
                    HttpTransport.create("test", new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
                            Duration.ofMillis(500), Duration.ofSeconds(60))));
            long start = System.nanoTime();
            assertThatThrownBy(() -> fxa.signIn("someone@example.test", "a password"))
                    .isInstanceOf(NetworkException.class).hasMessageContaining("POST /v1/account/credentials/status")
                    .hasMessageContaining("no byte for 500 ms").hasMessageNotContaining("a password");
            // Bounded by the read timeout per call (and the password stretching before it), never by the server.
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(450L, 20_000L);
        }
    }
}
