package io.fxhome.sandbox.generator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generates a realistic Firefox profile's Sync records, deterministically from a {@link ProfileSpec}. History pages
 * are generated in parallel (each from its own random stream); uploads are then grouped as Firefox makes them, up to
 * 100 records per POST, every record of one upload sharing its timestamp.
 */
public final class ProfileGenerator {
    /** syncstorage-rs's default max_post_records. */
    static final int RECORDS_PER_UPLOAD = 100;
    private static final long DAY = 86_400_000L;

    private ProfileGenerator() {
    }

    public static GeneratedProfile generate(ProfileSpec spec) {
        Map<String, List<GeneratedRecord>> out = new LinkedHashMap<>();
        long anchor = spec.anchor().toEpochMilli();

        List<GeneratedRecord> clients = new ArrayList<>();
        List<GeneratedRecord> tabs = new ArrayList<>();
        for (GeneratedRecord d : DeviceGenerator.devices(spec)) {
            (d.collection().equals("clients") ? clients : tabs).add(d);
        }
        out.put("clients", batched(clients, anchor - 7 * DAY, anchor));
        out.put("tabs", batched(tabs, anchor - 2 * DAY, anchor));
        out.put("bookmarks", batched(BookmarkGenerator.tree(spec), anchor - 59 * DAY, anchor - DAY));

        List<GeneratedRecord> history = IntStream.range(0, spec.history()).parallel()
                .mapToObj(i -> HistoryGenerator.page(spec, i)).collect(Collectors.toCollection(ArrayList::new));
        SplittableRandom r = Randoms.stream(spec.seed(), "corrupt", 0);
        if (spec.badHmacRecord()) {
            history.add(new GeneratedRecord("history", Randoms.guid(r),
                    "{\"id\":\"bad-hmac\",\"histUri\":\"https://example.com/\",\"visits\":[]}", false, 1,
                    HistoryGenerator.TTL_SECONDS, SkipReason.BAD_HMAC, anchor - 2 * DAY));
        }
        if (spec.notJsonRecord()) {
            history.add(new GeneratedRecord("history", Randoms.guid(r), "this is not JSON {\"id\":", false, 1,
                    HistoryGenerator.TTL_SECONDS, SkipReason.NOT_JSON, anchor - 2 * DAY));
        }
        out.put("history", grouped(history));
        return new GeneratedProfile(spec, out);
    }

    /**
     * Spreads records, in their given order (parents before children for bookmarks), over uploads of 100 between
     * {@code from} and {@code to}.
     */
    private static List<GeneratedRecord> batched(List<GeneratedRecord> records, long from, long to) {
        int uploads = Math.max(1, (records.size() + RECORDS_PER_UPLOAD - 1) / RECORDS_PER_UPLOAD);
        List<GeneratedRecord> out = new ArrayList<>(records.size());
        long step = Math.max(10, (to - from) / uploads);
        for (int i = 0; i < records.size(); i++) {
            long t = from + (i / RECORDS_PER_UPLOAD) * step;
            out.add(records.get(i).withUploadedAt(t));
        }
        return out;
    }

    /**
     * Orders records by their own upload time and groups them in uploads of at most 100: each upload takes the time
     * of its last record, and times strictly increase.
     */
    private static List<GeneratedRecord> grouped(List<GeneratedRecord> records) {
        records.sort(Comparator.comparingLong(GeneratedRecord::uploadedAt).thenComparing(GeneratedRecord::id));
        List<GeneratedRecord> out = new ArrayList<>(records.size());
        long previous = Long.MIN_VALUE;
        for (int start = 0; start < records.size(); start += RECORDS_PER_UPLOAD) {
            int end = Math.min(records.size(), start + RECORDS_PER_UPLOAD);
            long t = Math.max(records.get(end - 1).uploadedAt(), previous + 10);
            previous = t;
            for (int i = start; i < end; i++) {
                out.add(records.get(i).withUploadedAt(t));
            }
        }
        return out;
    }
}
