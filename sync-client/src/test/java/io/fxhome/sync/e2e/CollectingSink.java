package io.fxhome.sync.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.RecordSink;
import io.fxhome.sync.storage.SkipReason;

/**
 * Keeps what the current download pass delivered (a restart starts a new pass) and every id's delivery count, so that
 * tests can prove "all records, exactly once". An optional hook runs after each page: that is where tests inject
 * what happens between two pages (another Firefox writing, tokens expiring).
 */
final class CollectingSink implements RecordSink {
    /** Called after page {@code pageNumber} (1-based, counted over all passes) ended. */
    @FunctionalInterface
    interface BetweenPages {
        void after(int pageNumber, boolean more);
    }

    private final BetweenPages betweenPages;
    private final Map<String, DecryptedRecord> records = new LinkedHashMap<>();
    private final Map<String, Integer> deliveries = new LinkedHashMap<>();
    private final Map<String, SkipReason> skipped = new LinkedHashMap<>();
    private final List<String> duplicates = new ArrayList<>();
    private int pages;
    private int restarts;

    CollectingSink() {
        this((page, more) -> {
        });
    }

    CollectingSink(BetweenPages betweenPages) {
        this.betweenPages = betweenPages;
    }

    @Override
    public void accept(DecryptedRecord record) {
        if (records.put(record.id(), record) != null) {
            duplicates.add(record.id());
        }
        deliveries.merge(record.id(), 1, Integer::sum);
    }

    @Override
    public void skipped(String id, SkipReason reason) {
        if (skipped.put(id, reason) != null) {
            duplicates.add(id);
        }
    }

    @Override
    public void restart() {
        restarts++;
        records.clear();
        skipped.clear();
        duplicates.clear();
    }

    @Override
    public void endOfPage(boolean more) {
        pages++;
        betweenPages.after(pages, more);
    }

    /** The final pass's records by id. */
    Map<String, DecryptedRecord> records() {
        return records;
    }

    Map<String, SkipReason> skipped() {
        return skipped;
    }

    /** Ids delivered more than once within the final pass (must stay empty). */
    List<String> duplicatesInFinalPass() {
        return duplicates;
    }

    /** Deliveries per id over all passes. */
    Map<String, Integer> deliveries() {
        return deliveries;
    }

    int pages() {
        return pages;
    }

    int restarts() {
        return restarts;
    }
}
