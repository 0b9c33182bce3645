package io.fxhome.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.error.ServerProtocolException;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.NonceSource;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.testsupport.StreamingServer;
import io.fxhome.sync.testsupport.SyncFixtures;
import io.fxhome.sync.token.SyncToken;

/**
 * Pages are bounded by bytes as well as by records: an endless array, an endless string and records above the cap,
 * each from a real server that generates the page while it sends it, and 1,000 records of about 2 MB downloaded in a
 * JVM of 96 MB of heap.
 */
class PageLimitsTest {
    private static final KeyBundle KEYS = KeyBundle.random(SyncFixtures.RANDOM);

    private static StorageClient client(StreamingServer server) {
        SyncToken token = new SyncToken("id", "key", 1, URI.create(server.baseUri() + "/1.5/1"), 3600,
                Instant.now().plusSeconds(3600));
        return new StorageClient(HttpTransport.create("limits"), StorageSession.fixed(token),
                new HawkSigner(Clock.systemUTC(), NonceSource.secureRandom()), new BackoffTracker(Clock.systemUTC()),
                Clock.systemUTC());
    }

    private static OutputStream start(com.sun.net.httpserver.HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("X-Last-Modified", "1700000100.00");
        return StreamingServer.startJson(ex, -1, "[".getBytes(StandardCharsets.UTF_8));
    }

    private static String bso(String id, String clear) {
        return SyncFixtures.encryptedBso(KEYS, id, "1700000000.00", null, clear).toString();
    }

    @Test
    void anArrayThatNeverEndsEndsTheDownloadAtTheLimitItWasAskedFor() {
        byte[] record = ("," + bso("same", "{\"id\":\"same\",\"histUri\":\"https://e.com/\",\"visits\":[]}"))
                .getBytes(StandardCharsets.UTF_8);
        try (StreamingServer server = new StreamingServer(ex -> {
            OutputStream out = start(ex);
            out.write(bso("first", "{\"id\":\"first\"}").getBytes(StandardCharsets.UTF_8));
            while (true) {
                out.write(record);
            }
        })) {
            List<String> seen = new ArrayList<>();
            ServerProtocolException e = catchThrowableOfType(ServerProtocolException.class,
                    () -> client(server).download(DownloadRequest.all("history").withPageSize(100),
                            new CollectionKeys(KEYS, Map.of()), r -> seen.add(r.id())));
            assertThat(e.getMessage()).contains("GET /storage/history")
                    .contains("the page holds more than the 100 records asked for");
            assertThat(seen).hasSize(100);
        }
    }

    @Test
    void aStringThatNeverEndsEndsTheDownloadAtThePageCapWithoutBeingHeld() {
        try (StreamingServer server = new StreamingServer(ex -> {
            OutputStream out = start(ex);
            out.write("{\"id\":\"a\",\"modified\":1,\"payload\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] filler = "A".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            while (true) {
                out.write(filler);
            }
        })) {
            ServerProtocolException e = catchThrowableOfType(ServerProtocolException.class,
                    () -> client(server).download(DownloadRequest.all("history").withPageSize(4)
                            .withMaxRecordBytes(64 * 1024), new CollectionKeys(KEYS, Map.of()), r -> {
                            }));
            // 4 records of 64 KiB, and 64 KiB for the array itself.
            assertThat(e.getMessage()).contains("the page is larger than 327680 bytes");
        }
    }

    @Test
    void aRecordAboveTheCapIsSkippedAndCountedAndItsNeighboursArriveWhole() {
        String clearBig = "{\"id\":\"big\",\"histUri\":\"https://e.com/\",\"title\":\"" + "t".repeat(60_000)
                + "\",\"visits\":[]}";
        // Escapes and multi-byte characters around every possible cut: what the parser gets must stay well-formed.
        String odd = "é\\\"ü€\\u00e9\\\\".repeat(20_000);
        String page = "[" + bso("before", "{\"id\":\"before\",\"histUri\":\"https://e.com/1\",\"visits\":[]}") + ","
                + bso("big", clearBig) + ",{\"id\":\"" + "x".repeat(100_000) + "\",\"note\":\"" + odd
                + "\",\"payload\":\"p\",\"modified\":1},"
                + bso("after", "{\"id\":\"after\",\"histUri\":\"https://e.com/2\",\"visits\":[]}") + "]";
        try (StreamingServer server = new StreamingServer(ex -> {
            start(ex).write(page.substring(1).getBytes(StandardCharsets.UTF_8));
        })) {
            List<String> seen = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            DownloadResult result = client(server).download(
                    DownloadRequest.all("history").withPageSize(10).withMaxRecordBytes(64 * 1024),
                    new CollectionKeys(KEYS, Map.of()), new RecordSink() {
                        @Override
                        public void accept(DecryptedRecord record) {
                            seen.add(record.id());
                        }

                        @Override
                        public void skipped(String id, SkipReason reason) {
                            skipped.add(id + ":" + reason);
                        }
                    });
            assertThat(seen).containsExactly("before", "after");
            // The over-long id is not repeated: only a plausible one is reported.
            assertThat(skipped).containsExactly("big:TOO_LARGE", "null:TOO_LARGE");
            assertThat(result.skippedByReason()).isEqualTo(Map.of(SkipReason.TOO_LARGE, 2L));
        }
    }

    @Test
    void aThousandRecordsOfTwoMegabytesDownloadInBoundedMemory() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile("huge-page", ".txt");
        Process child = new ProcessBuilder(java, "-Xmx96m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), HugePageDownload.class.getName(), "1000")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = child.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = Files.readString(out);
        Files.delete(out);
        assertThat(ended).as("ended in time").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        // 900 records of 1.5 MiB of cleartext passed through a 96 MB heap; the 100 above the cap were skipped.
        assertThat(output).contains("records=900 skipped=100 tooLarge=100 bytes=" + 900L * (1536 * 1024 + 57));
    }
}
