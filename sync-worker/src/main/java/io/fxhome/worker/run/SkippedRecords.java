package io.fxhome.worker.run;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records one run skipped: the first {@code kept} of them, and a count of all (also by collection and reason), so
 * that a server full of bad records costs a run neither memory nor rows beyond the cap
 * ({@code fxhome.run-history.skipped-per-run}). Adding always succeeds; past the cap a record is only counted.
 * Thread-safe: the downloading thread and the page writers add to it at once.
 */
final class SkippedRecords extends AbstractList<SkippedRecord> {
    /** A collection and a reason, the tags of the skipped-records metric. */
    record Kind(String collection, String reason) {
    }

    private final int kept;
    private final List<SkippedRecord> records = new ArrayList<>();
    private final Map<Kind, Long> counts = new LinkedHashMap<>();
    private long total;

    SkippedRecords(int kept) {
        if (kept < 0) {
            throw new IllegalArgumentException("kept must be >= 0: " + kept);
        }
        this.kept = kept;
    }

    @Override
    public synchronized boolean add(SkippedRecord record) {
        total++;
        counts.merge(new Kind(record.collection(), record.reason()), 1L, Long::sum);
        if (records.size() < kept) {
            records.add(record);
        }
        return true;
    }

    /** Every record skipped, kept or not. */
    synchronized long total() {
        return total;
    }

    /** How many were skipped, by collection and reason. */
    synchronized Map<Kind, Long> counts() {
        return Map.copyOf(counts);
    }

    /** The kept records. */
    @Override
    public synchronized SkippedRecord get(int index) {
        return records.get(index);
    }

    /** How many are kept (at most the cap); {@link #total()} counts them all. */
    @Override
    public synchronized int size() {
        return records.size();
    }
}
