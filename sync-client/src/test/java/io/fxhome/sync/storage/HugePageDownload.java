package io.fxhome.sync.storage;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.TextNode;

import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.RecordCipher;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.hawk.NonceSource;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.testsupport.StreamingServer;
import io.fxhome.sync.testsupport.SyncFixtures;
import io.fxhome.sync.token.SyncToken;

/**
 * Run in a JVM of its own with a small heap by {@link PageLimitsTest}: a server generates one page of {@code count}
 * records of about 2 MB while it sends it (every tenth one larger than the record cap), and the client downloads it
 * through a sink that keeps what the worker's would (a chunk of 4 MB of cleartext at most). Prints
 * {@code records=N skipped=M tooLarge=K bytes=B} and exits 0; an OutOfMemoryError ends the JVM with another code.
 */
public final class HugePageDownload {
    private HugePageDownload() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        KeyBundle keys = KeyBundle.random(SyncFixtures.RANDOM);
        RecordCipher cipher = new RecordCipher(keys);
        // Two payloads, encrypted once and sent again and again: the test is the client's memory, not the server's.
        byte[] fits = bsoTail(cipher, 1536 * 1024);
        byte[] tooLarge = bsoTail(cipher, 2048 * 1024);
        try (StreamingServer server = new StreamingServer(ex -> {
            ex.getResponseHeaders().add("X-Last-Modified", "1700000100.00");
            OutputStream out = StreamingServer.startJson(ex, -1, "[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < count; i++) {
                out.write(((i == 0 ? "" : ",") + "{\"id\":\"r" + i + "\",").getBytes(StandardCharsets.UTF_8));
                out.write(i % 10 == 9 ? tooLarge : fits);
            }
            out.write(']');
        })) {
            SyncToken token = new SyncToken("id", "key", 1, URI.create(server.baseUri() + "/1.5/1"), 3600,
                    Instant.now().plusSeconds(3600));
            StorageClient client = new StorageClient(HttpTransport.create("huge-page"), StorageSession.fixed(token),
                    new HawkSigner(Clock.systemUTC(), NonceSource.secureRandom()), new BackoffTracker(Clock.systemUTC()),
                    Clock.systemUTC());
            long[] bytes = new long[1];
            List<DecryptedRecord> chunk = new ArrayList<>();
            long[] chunkBytes = new long[1];
            DownloadResult result = client.download(DownloadRequest.all("history").withPageSize(count),
                    new CollectionKeys(keys, Map.of()), record -> {
                        // What PagedSink does with fxhome.worker.page-chunk-bytes=4M: hold, then hand over.
                        chunk.add(record);
                        chunkBytes[0] += record.cleartextUtf8().length;
                        bytes[0] += record.cleartextUtf8().length;
                        if (chunkBytes[0] >= 4 * 1024 * 1024) {
                            chunk.clear();
                            chunkBytes[0] = 0;
                        }
                    });
            System.out.println("records=" + result.records() + " skipped=" + result.skipped() + " tooLarge="
                    + result.skippedByReason().getOrDefault(SkipReason.TOO_LARGE, 0L) + " bytes=" + bytes[0]);
        }
    }

    /** Everything of a BSO after its id: modified and an encrypted history record with a title of {@code size}. */
    private static byte[] bsoTail(RecordCipher cipher, int size) {
        String clear = "{\"histUri\":\"https://example.com/\",\"title\":\"" + "t".repeat(size) + "\",\"visits\":[]}";
        String payload = SyncFixtures.encryptedBso(cipher, "x", "1700000000.00", null, clear).get("payload").asText();
        return ("\"modified\":1700000000.00,\"payload\":" + TextNode.valueOf(payload) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
