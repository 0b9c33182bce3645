package io.fxhome.sync.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;

import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.client.SyncClientConfig;
import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.SignInResult;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.DownloadRequest;
import io.fxhome.sync.storage.DownloadResult;
import io.fxhome.sync.storage.RecordSink;

/**
 * The measured side of {@link ClientDownloadBenchmarkIT}, run in a JVM of its own (so that its heap limit, CPU time
 * and heap figures are the client's alone): signs in to the sandbox and links (not measured), then downloads one
 * collection {@code passes} times through fxhome's client with a sink that keeps nothing, as the worker's writers
 * stream pages. Prints one JSON line: per pass wall and process CPU time; the heap in use after a full collection
 * before the first download (signed in, classes loaded), the peak heap in use (sum of the heap pools' peaks) and the
 * largest heap left after any collection during the downloads (the live set).
 *
 * <p>
 * Arguments: base URL, email, password file, collection, page size, passes.
 */
public final class ClientDownloadProbe {
    private ClientDownloadProbe() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String email = args[1];
        String password = Files.readString(Path.of(args[2])).strip();
        String collection = args[3];
        int pageSize = Integer.parseInt(args[4]);
        int passes = Integer.parseInt(args[5]);

        FxaConfig fxaConfig = FxaConfig.production().withAuthUrl(base);
        FxaClient fxa = FxaClient.create(fxaConfig);
        LinkedAccount linked = fxa.completeLink(((SignInResult.SignedIn) fxa.signIn(email, password)).pending());
        SyncClient client = SyncClient.builder(SyncClientConfig.production().withFxa(fxaConfig)
                .withTokenserverUrl(base).withPageSize(pageSize), linked.credentials())
                .accessToken(linked.accessToken()).build();
        CollectionKeys keys = client.collectionKeys().orElseThrow();

        AtomicLong maxAfterGc = watchLiveSet();
        System.gc();
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxAfterGc.set(0);
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        ObjectNode out = Json.object().put("collection", collection).put("pageSize", pageSize)
                .put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        ArrayNode gcs = out.putArray("gc");
        ManagementFactory.getGarbageCollectorMXBeans().forEach(g -> gcs.add(g.getName()));
        ArrayNode runs = out.putArray("passes");
        for (int pass = 0; pass < passes; pass++) {
            CountingSink sink = new CountingSink();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            DownloadResult result = client.download(DownloadRequest.all(collection).withPageSize(pageSize), keys, sink);
            long wallNanos = System.nanoTime() - t0;
            long cpuNanos = os.getProcessCpuTime() - cpu0;
            runs.addObject().put("records", result.records()).put("skipped", result.skipped())
                    .put("pages", result.pages()).put("cleartextBytes", sink.bytes).put("wallMs", wallNanos / 1e6)
                    .put("cpuMs", cpuNanos / 1e6);
        }
        long peak = 0;
        for (MemoryPoolMXBean p : heapPools) {
            MemoryUsage u = p.getPeakUsage();
            peak += u == null ? 0 : u.getUsed();
        }
        out.put("heapBeforeDownloadBytes", baseline).put("peakHeapUsedBytes", peak)
                .put("maxHeapAfterGcBytes", maxAfterGc.get());
        long collections = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, g.getCollectionCount());
        }
        out.put("gcCount", collections).put("availableProcessors", Runtime.getRuntime().availableProcessors());
        System.out.println(out);
    }

    /** The largest total heap in use right after a collection: what the download keeps alive. */
    private static AtomicLong watchLiveSet() {
        AtomicLong max = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                        .from((CompositeData) n.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeapPool(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                max.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        return max;
    }

    private static final List<String> HEAP_POOLS = new ArrayList<>();

    private static boolean isHeapPool(String name) {
        synchronized (HEAP_POOLS) {
            if (HEAP_POOLS.isEmpty()) {
                ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                        .forEach(p -> HEAP_POOLS.add(p.getName()));
            }
            return HEAP_POOLS.contains(name);
        }
    }

    /** Keeps nothing: counts records and cleartext bytes (so the decryption cannot be optimised away). */
    private static final class CountingSink implements RecordSink {
        long records;
        long bytes;

        @Override
        public void accept(DecryptedRecord record) {
            records++;
            bytes += record.cleartextUtf8().length + record.cleartext().size();
        }
    }
}
