package io.fxhome.sandbox.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The BSOs of one collection of one user. Not thread-safe: {@link UserStorage} serializes access. Reads are served
 * from arrays sorted by (modified, id) and by (sortindex desc, id desc), rebuilt lazily after writes, so a page of a
 * 100,000-record collection is a binary search and a copy.
 */
final class CollectionStore {
    private static final Comparator<StoredBso> BY_MODIFIED = Comparator.comparingLong(StoredBso::modified)
            .thenComparing(StoredBso::id);
    private static final Comparator<StoredBso> BY_INDEX = Comparator
            .comparingLong((StoredBso b) -> b.sortindex() == null ? Long.MIN_VALUE : b.sortindex().longValue())
            .thenComparing(StoredBso::id).reversed();

    private final Map<String, StoredBso> byId = new HashMap<>();
    private long modified;
    private StoredBso[] sortedByModified;
    private StoredBso[] sortedByIndex;

    long modified() {
        return modified;
    }

    void touch(long timestamp) {
        modified = timestamp;
    }

    StoredBso get(String id) {
        return byId.get(id);
    }

    void put(StoredBso bso) {
        byId.put(bso.id(), bso);
        invalidate();
    }

    boolean remove(String id) {
        boolean removed = byId.remove(id) != null;
        if (removed) {
            invalidate();
        }
        return removed;
    }

    Iterable<StoredBso> all() {
        return byId.values();
    }

    int liveCount(long now) {
        int n = 0;
        for (StoredBso b : byId.values()) {
            if (b.liveAt(now)) {
                n++;
            }
        }
        return n;
    }

    long liveBytes(long now) {
        long n = 0;
        for (StoredBso b : byId.values()) {
            if (b.liveAt(now)) {
                n += b.payloadSize();
            }
        }
        return n;
    }

    private void invalidate() {
        sortedByModified = null;
        sortedByIndex = null;
    }

    private StoredBso[] byModified() {
        if (sortedByModified == null) {
            StoredBso[] arr = byId.values().toArray(new StoredBso[0]);
            Arrays.parallelSort(arr, BY_MODIFIED);
            sortedByModified = arr;
        }
        return sortedByModified;
    }

    private StoredBso[] byIndex() {
        if (sortedByIndex == null) {
            StoredBso[] arr = byId.values().toArray(new StoredBso[0]);
            Arrays.parallelSort(arr, BY_INDEX);
            sortedByIndex = arr;
        }
        return sortedByIndex;
    }

    /**
     * Runs a query. Offsets are opaque to clients: {@code <modified ms>:<k>} for modified orders ("continue after
     * the first k records stamped with that time", which stays correct while records are added, like
     * syncstorage-rs's timestamp offsets), and a plain position for index order and id lists.
     */
    Page query(BsoQuery q, long now, String previousOffset) {
        Sort sort = q.sort() == null ? Sort.NEWEST : q.sort();
        int limit = q.limit() == null ? Integer.MAX_VALUE : q.limit();
        if (q.ids() != null) {
            return queryIds(q, sort, limit, now);
        }
        if (sort == Sort.INDEX) {
            return queryIndex(q, limit, now);
        }
        StoredBso[] arr = byModified();
        int lo = q.newer() == null ? 0 : upperBound(arr, q.newer());
        int hi = q.older() == null ? arr.length : lowerBound(arr, q.older());
        List<StoredBso> items = new ArrayList<>(Math.min(limit, Math.max(0, hi - lo)) + 1);
        String next = null;
        if (sort == Sort.OLDEST) {
            int i = lo;
            if (previousOffset != null) {
                long ms = offsetMillis(previousOffset);
                int k = offsetCount(previousOffset);
                int first = Math.max(lo, lowerBound(arr, ms));
                i = Math.min(first + k, Math.max(first, upperBound(arr, ms)));
            }
            int last = -1;
            for (; i < hi && items.size() < limit; i++) {
                if (arr[i].liveAt(now)) {
                    items.add(arr[i]);
                    last = i;
                }
            }
            if (hasLive(arr, i, hi, now, true) && last >= 0) {
                long ms = arr[last].modified();
                next = ms + ":" + (last - lowerBound(arr, ms) + 1);
            }
        } else {
            int i = hi - 1;
            if (previousOffset != null) {
                long ms = offsetMillis(previousOffset);
                int k = offsetCount(previousOffset);
                int first = Math.min(hi, upperBound(arr, ms)) - 1;
                i = Math.max(first - k, Math.min(first, lowerBound(arr, ms) - 1));
            }
            int last = -1;
            for (; i >= lo && items.size() < limit; i--) {
                if (arr[i].liveAt(now)) {
                    items.add(arr[i]);
                    last = i;
                }
            }
            if (hasLive(arr, lo, i + 1, now, false) && last >= 0) {
                long ms = arr[last].modified();
                next = ms + ":" + (upperBound(arr, ms) - 1 - last + 1);
            }
        }
        return new Page(items, next, modified);
    }

    private Page queryIndex(BsoQuery q, int limit, long now) {
        StoredBso[] arr = byIndex();
        int i = q.offset() == null ? 0 : Integer.parseInt(q.offset());
        List<StoredBso> items = new ArrayList<>(Math.min(limit, arr.length) + 1);
        for (; i < arr.length && items.size() < limit; i++) {
            if (matches(arr[i], q, now)) {
                items.add(arr[i]);
            }
        }
        String next = null;
        for (int j = i; j < arr.length; j++) {
            if (matches(arr[j], q, now)) {
                next = Integer.toString(i);
                break;
            }
        }
        return new Page(items, next, modified);
    }

    private Page queryIds(BsoQuery q, Sort sort, int limit, long now) {
        List<StoredBso> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(q.ids())) {
            StoredBso b = byId.get(id);
            if (b != null && matches(b, q, now)) {
                found.add(b);
            }
        }
        found.sort(switch (sort) {
            case OLDEST -> BY_MODIFIED;
            case NEWEST -> BY_MODIFIED.reversed();
            case INDEX -> BY_INDEX;
        });
        int start = q.offset() == null ? 0 : Math.min(found.size(), Integer.parseInt(q.offset()));
        int end = (int) Math.min((long) start + limit, found.size());
        String next = end < found.size() ? Integer.toString(end) : null;
        return new Page(new ArrayList<>(found.subList(start, end)), next, modified);
    }

    private static boolean matches(StoredBso b, BsoQuery q, long now) {
        return b.liveAt(now) && (q.newer() == null || b.modified() > q.newer())
                && (q.older() == null || b.modified() < q.older());
    }

    private static boolean hasLive(StoredBso[] arr, int from, int to, long now, boolean forward) {
        if (forward) {
            for (int i = from; i < to; i++) {
                if (arr[i].liveAt(now)) {
                    return true;
                }
            }
        } else {
            for (int i = to - 1; i >= from; i--) {
                if (arr[i].liveAt(now)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** First index whose modified is >= ms. */
    private static int lowerBound(StoredBso[] arr, long ms) {
        int lo = 0;
        int hi = arr.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (arr[mid].modified() < ms) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose modified is > ms. */
    private static int upperBound(StoredBso[] arr, long ms) {
        int lo = 0;
        int hi = arr.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (arr[mid].modified() <= ms) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static long offsetMillis(String offset) {
        return Long.parseLong(offset.substring(0, offset.indexOf(':')));
    }

    static int offsetCount(String offset) {
        return Integer.parseInt(offset.substring(offset.indexOf(':') + 1));
    }

    /** A shallow copy sharing the immutable BSOs (node reassignment with data copied). */
    CollectionStore copy() {
        CollectionStore c = new CollectionStore();
        c.byId.putAll(byId);
        c.modified = modified;
        return c;
    }
}
