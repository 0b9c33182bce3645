package io.fxhome.sync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.fxhome.sandbox.generator.CollectionTruth;
import io.fxhome.sandbox.generator.ProfileSpec;

/**
 * The Sync client's download path, measured: records downloaded, verified, decrypted and parsed per second per core,
 * from a 100,000-record history collection; and the heap that needs, against a 10,000-record one, with the client in a
 * child JVM limited to {@value #XMX}. The sandbox runs in this JVM (Vert.x, in memory, already encrypted records); the
 * client runs in its own JVM ({@link ClientDownloadProbe}), so CPU time and heap are the client's alone.
 *
 * <p>
 * Run: {@code ./mvnw -B -ntp -pl sync-worker verify -Pbench -Dit.test=ClientDownloadBenchmarkIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} (the last two skip the unit tests). Results:
 * {@code sync-worker/target/benchmarks/client-download.json}; figures in docs/benchmarks.md.
 */
class ClientDownloadBenchmarkIT {
    static final String XMX = "64m";
    /**
     * Half of that: the 100,000 records still stream through (the JVM, its TLS trust store and the HTTP client
     * alone keep about 12 MiB live before the first record; 16 MiB runs out).
     */
    static final String TIGHT_XMX = "32m";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 1000;
    private static final int PASSES = 4;
    private static SandboxServer server;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void downloadRateAndHeapAreFlatInTheCollectionSize() throws Exception {
        JsonNode large = measure(100_000, XMX);
        JsonNode small = measure(10_000, XMX);
        JsonNode tight = measure(100_000, TIGHT_XMX);

        ObjectNode summary = JSON.createObjectNode();
        summary.put("sandbox", "in the benchmark's JVM (Vert.x, records pre-encrypted in memory)");
        summary.put("client", "child JVM, -Xmx" + XMX + " (" + TIGHT_XMX + " for history100kTight), page size "
                + PAGE_SIZE);
        summary.set("history100k", large);
        summary.set("history10k", small);
        summary.set("history100kTight", tight);
        Path dir = Path.of("target", "benchmarks");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("client-download.json"), summary.toPrettyString());
        System.out.println("Sync client download benchmark:\n" + report(large) + "\n" + report(small) + "\n"
                + report(tight));

        assertThat(large.path("passes").get(0).path("records").asLong()).isGreaterThan(99_000);
        // Streaming: the live set after a collection does not follow the collection's size.
        long live100k = large.path("maxHeapAfterGcBytes").asLong();
        long live10k = small.path("maxHeapAfterGcBytes").asLong();
        assertThat(live100k).isLessThan(Math.max(live10k * 2, live10k + 8L * 1024 * 1024));
        assertThat(bestRatePerCpuSecond(large)).isGreaterThan(1_000);
    }

    /** A sandbox account whose history has this many records (live and tombstones), created once. */
    private record Account(String email, String password, long historyRecords) {
    }

    private static final Map<Integer, Account> ACCOUNTS = new HashMap<>();

    private static Account account(int historyRecords) {
        return ACCOUNTS.computeIfAbsent(historyRecords, n -> {
            String email = "bench-" + n + "-" + UUID.randomUUID() + "@example.test";
            String password = "bench-" + UUID.randomUUID();
            ProfileSpec spec = ProfileSpec.small(20_260_601L + n).withSizes(40, n, 3);
            long t0 = System.nanoTime();
            server.sandbox().createAccount(NewAccount.of(email, password).withProfile(spec));
            CollectionTruth truth = server.sandbox().truth(email).collection("history");
            long records = truth.records().size() + truth.tombstones().size();
            System.out.printf("sandbox: %d history records generated and encrypted in %d ms%n", records,
                    (System.nanoTime() - t0) / 1_000_000);
            return new Account(email, password, records);
        });
    }

    private JsonNode measure(int historyRecords, String xmx) throws Exception {
        Account account = account(historyRecords);
        String email = account.email();
        String password = account.password();
        Path passwordFile = Files.createTempFile("bench", ".pw");
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + xmx,
                // The test classpath holds JBoss LogManager, which complains unless it is the logging manager.
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", classPath(),
                ClientDownloadProbe.class.getName(),
                server.baseUrl(), email, passwordFile.toString(), "history", Integer.toString(PAGE_SIZE),
                Integer.toString(PASSES)));
        Path stdout = Files.createTempFile("bench", ".out");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(stdout.toFile()).start();
        assertThat(p.waitFor(Duration.ofMinutes(15).toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the client fits in -Xmx" + xmx).isZero();
        List<String> lines = Files.readAllLines(stdout);
        JsonNode result = JSON.readTree(lines.get(lines.size() - 1));
        for (JsonNode pass : result.path("passes")) {
            assertThat(pass.path("records").asLong()).isEqualTo(account.historyRecords());
            assertThat(pass.path("skipped").asLong()).isZero();
        }
        Files.delete(passwordFile);
        Files.delete(stdout);
        return result;
    }

    /** Failsafe puts the test classpath in this property (the JVM's own is a manifest-only booter jar). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    static double bestRatePerCpuSecond(JsonNode result) {
        double best = 0;
        for (JsonNode pass : result.path("passes")) {
            best = Math.max(best, pass.path("records").asDouble() / (pass.path("cpuMs").asDouble() / 1000));
        }
        return best;
    }

    private static double mib(JsonNode r, String field) {
        return r.path(field).asDouble() / (1 << 20);
    }

    private static String report(JsonNode r) {
        StringBuilder s = new StringBuilder();
        JsonNode first = r.path("passes").get(0);
        s.append(String.format("  %,d records, max heap %d MiB, gc %s: heap before %.1f MiB, peak heap used %.1f MiB,"
                + " max heap after GC %.1f MiB%n", first.path("records").asLong(), r.path("maxHeapBytes").asLong() >> 20,
                r.path("gc"), mib(r, "heapBeforeDownloadBytes"), mib(r, "peakHeapUsedBytes"),
                mib(r, "maxHeapAfterGcBytes")));
        int i = 1;
        for (JsonNode pass : r.path("passes")) {
            double records = pass.path("records").asDouble();
            s.append(String.format("    pass %d: %.0f ms wall, %.0f ms CPU: %,.0f records/s wall, %,.0f records per CPU"
                    + " second%n", i++, pass.path("wallMs").asDouble(), pass.path("cpuMs").asDouble(),
                    records / (pass.path("wallMs").asDouble() / 1000), records / (pass.path("cpuMs").asDouble() / 1000)));
        }
        return s.toString();
    }
}
