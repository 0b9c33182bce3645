package io.fxhome.sandbox.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

import io.fxhome.sandbox.crypto.Base64s;

/**
 * The Sync storage of one storage uid. Every operation takes this object's lock, so each request sees and makes an
 * atomic change; every write gets one timestamp strictly greater than the previous one (10 ms resolution), shared by
 * all BSOs it touches.
 */
public final class UserStorage {
    private static final int MAX_ISSUED_OFFSETS = 20_000;
    private static final int MAX_OPEN_BATCHES = 1_000;

    private final long uid;
    private final Map<String, CollectionStore> collections = new HashMap<>();
    private final Map<String, PendingBatch> batches = new HashMap<>();
    private final Map<String, Boolean> issuedOffsets = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_ISSUED_OFFSETS;
        }
    };
    private long lastModified;

    public UserStorage(long uid) {
        this.uid = uid;
    }

    private record PendingBatch(String collection, List<BsoWrite> writes) {
    }

    public long uid() {
        return uid;
    }

    /** The store timestamp (X-Last-Modified of info/collections). */
    public synchronized long lastModified() {
        return lastModified;
    }

    /** A collection's timestamp, 0 if it does not exist. */
    public synchronized long collectionModified(String collection) {
        CollectionStore c = collections.get(collection);
        return c == null ? 0 : c.modified();
    }

    /** A BSO's timestamp, 0 if it does not exist (or expired). */
    public synchronized long bsoModified(String collection, String id, long now) {
        StoredBso b = find(collection, id, now);
        return b == null ? 0 : b.modified();
    }

    public synchronized StoredBso get(String collection, String id, long now) {
        return find(collection, id, now);
    }

    private StoredBso find(String collection, String id, long now) {
        CollectionStore c = collections.get(collection);
        StoredBso b = c == null ? null : c.get(id);
        return b != null && b.liveAt(now) ? b : null;
    }

    public synchronized Map<String, Long> collectionTimestamps() {
        Map<String, Long> out = new TreeMap<>();
        collections.forEach((name, c) -> out.put(name, c.modified()));
        return out;
    }

    public synchronized Map<String, Integer> collectionCounts(long now) {
        Map<String, Integer> out = new TreeMap<>();
        collections.forEach((name, c) -> {
            int n = c.liveCount(now);
            if (n > 0) {
                out.put(name, n);
            }
        });
        return out;
    }

    /** Payload bytes per collection. */
    public synchronized Map<String, Long> collectionUsage(long now) {
        Map<String, Long> out = new TreeMap<>();
        collections.forEach((name, c) -> {
            long n = c.liveBytes(now);
            if (n > 0) {
                out.put(name, n);
            }
        });
        return out;
    }

    /** Every live BSO of a collection in (modified, id) order; for the admin API and copies. */
    public synchronized List<StoredBso> snapshot(String collection, long now) {
        CollectionStore c = collections.get(collection);
        if (c == null) {
            return List.of();
        }
        List<StoredBso> out = new ArrayList<>();
        for (StoredBso b : c.all()) {
            if (b.liveAt(now)) {
                out.add(b);
            }
        }
        out.sort((a, b) -> a.modified() != b.modified() ? Long.compare(a.modified(), b.modified())
                : a.id().compareTo(b.id()));
        return out;
    }

    /**
     * Runs a validated query. Offsets handed back are remembered, and an offset this storage never issued for the
     * collection is refused with 400, as a fabricated offset would be.
     */
    public synchronized Page query(String collection, BsoQuery q, long now) {
        if (q.offset() != null && !issuedOffsets.containsKey(offsetKey(collection, q))) {
            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
        }
        CollectionStore c = collections.get(collection);
        if (c == null) {
            return new Page(List.of(), null, 0);
        }
        Page page = c.query(q, now, q.offset());
        if (page.nextOffset() != null) {
            issuedOffsets.put(offsetKey(collection, q.ids() != null, q.sort(), page.nextOffset()), Boolean.TRUE);
        }
        return page;
    }

    private static String offsetKey(String collection, BsoQuery q) {
        return offsetKey(collection, q.ids() != null, q.sort(), q.offset());
    }

    private static String offsetKey(String collection, boolean ids, Sort sort, String offset) {
        return collection + '\u0000' + ids + '\u0000' + sort + '\u0000' + offset;
    }

    /** The next write timestamp: now (truncated to 10 ms), but always after the previous one. */
    private long nextTimestamp(long now) {
        long t = Math.max(SyncTimestamps.truncate(now), lastModified + 10);
        lastModified = t;
        return t;
    }

    /** Writes BSOs at one new timestamp and returns it. */
    public synchronized long write(String collection, List<BsoWrite> writes, long now) {
        long t = nextTimestamp(now);
        apply(collection, writes, t);
        return t;
    }

    /**
     * Writes already-built BSOs with their own timestamps (the generator's uploads "from the past"). The caller keeps
     * them consistent: within a collection, later uploads carry later timestamps, all of them not after now.
     */
    public synchronized long writeStored(String collection, List<StoredBso> bsos) {
        CollectionStore c = collections.computeIfAbsent(collection, k -> new CollectionStore());
        long max = c.modified();
        for (StoredBso b : bsos) {
            c.put(b);
            max = Math.max(max, b.modified());
        }
        c.touch(max);
        lastModified = Math.max(lastModified, max);
        return max;
    }

    /** Writes BSOs built for a fresh timestamp (the simulated Firefox encrypting "now"), atomically. */
    public synchronized long writeBuilt(String collection, long now, LongFunction<List<StoredBso>> build) {
        long t = nextTimestamp(now);
        CollectionStore c = collections.computeIfAbsent(collection, k -> new CollectionStore());
        for (StoredBso b : build.apply(t)) {
            c.put(b);
        }
        c.touch(t);
        return t;
    }

    private void apply(String collection, List<BsoWrite> writes, long t) {
        CollectionStore c = collections.computeIfAbsent(collection, k -> new CollectionStore());
        for (BsoWrite w : writes) {
            StoredBso old = c.get(w.id());
            if (old != null && !old.liveAt(t)) {
                old = null;
            }
            String payload = w.payload() != null ? w.payload() : old != null ? old.payload() : "";
            Integer sortindex = w.sortindex() != null ? w.sortindex() : old != null ? old.sortindex() : null;
            long expires = w.ttlSeconds() != null ? t + w.ttlSeconds() * 1000L
                    : old != null ? old.expiresAt() : Long.MAX_VALUE;
            c.put(new StoredBso(w.id(), t, sortindex, payload, expires));
        }
        c.touch(t);
    }

    /** Deletes one BSO; 404 if absent. */
    public synchronized long delete(String collection, String id, long now) {
        CollectionStore c = collections.get(collection);
        if (c == null || find(collection, id, now) == null) {
            throw StorageException.notFound();
        }
        long t = nextTimestamp(now);
        c.remove(id);
        c.touch(t);
        return t;
    }

    /** Deletes the listed BSOs; the collection timestamp moves even if none existed. */
    public synchronized long deleteIds(String collection, List<String> ids, long now) {
        CollectionStore c = collections.get(collection);
        if (c == null) {
            return lastModified;
        }
        long t = nextTimestamp(now);
        ids.forEach(c::remove);
        c.touch(t);
        return t;
    }

    /** Deletes a whole collection; it disappears from info/collections. */
    public synchronized long deleteCollection(String collection, long now) {
        if (collections.remove(collection) == null) {
            return lastModified;
        }
        return nextTimestamp(now);
    }

    /** Deletes everything ({@code DELETE /storage}). */
    public synchronized long deleteAll(long now) {
        collections.clear();
        batches.clear();
        return nextTimestamp(now);
    }

    /** Opens a batch and returns its opaque id: base64 of the creation time, like syncstorage-rs (may hold '='). */
    public synchronized String createBatch(String collection, long now) {
        if (batches.size() >= MAX_OPEN_BATCHES) {
            batches.remove(batches.keySet().iterator().next());
        }
        String id;
        long n = now;
        do {
            id = Base64s.std(Long.toString(n++).getBytes(StandardCharsets.US_ASCII));
        } while (batches.containsKey(id));
        batches.put(id, new PendingBatch(collection, new ArrayList<>()));
        return id;
    }

    public synchronized boolean hasBatch(String collection, String id) {
        PendingBatch b = batches.get(id);
        return b != null && b.collection().equals(collection);
    }

    public synchronized int batchSize(String id) {
        PendingBatch b = batches.get(id);
        return b == null ? 0 : b.writes().size();
    }

    public synchronized void appendBatch(String collection, String id, List<BsoWrite> writes) {
        if (!hasBatch(collection, id)) {
            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
        }
        batches.get(id).writes().addAll(writes);
    }

    /** Commits a batch plus the commit request's own BSOs at one timestamp. */
    public synchronized long commitBatch(String collection, String id, List<BsoWrite> lastWrites, long now) {
        if (!hasBatch(collection, id)) {
            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
        }
        List<BsoWrite> all = new ArrayList<>(batches.remove(id).writes());
        all.addAll(lastWrites);
        long t = nextTimestamp(now);
        apply(collection, all, t);
        return t;
    }

    /** Replaces this storage's content with a copy of another's (node reassignment keeping the data). */
    public synchronized void copyFrom(UserStorage other) {
        Map<String, CollectionStore> copied = new HashMap<>();
        long otherModified;
        synchronized (other) {
            other.collections.forEach((k, v) -> copied.put(k, v.copy()));
            otherModified = other.lastModified;
        }
        collections.clear();
        collections.putAll(copied);
        lastModified = Math.max(lastModified, otherModified);
    }
}
