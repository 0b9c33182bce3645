package io.fxhome.sync.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.storage.DecryptedRecord;

/**
 * A {@code history} record (§7.2): one page with its latest (≤ 20) visits. Writers re-upload the whole record
 * with each new visit, so a mirror merges visits by (date, transition) instead of replacing them.
 *
 * @param id the page GUID
 * @param histUri the page URL (null if missing: such a record is unusable)
 * @param title the title, null when missing or null
 * @param visits the usable visits, in the order received
 * @param droppedVisits visits without a usable date or transition type
 * @param unknownFields members this parser does not know
 */
public record HistoryRecord(String id, String histUri, String title, List<Visit> visits, int droppedVisits,
        Map<String, JsonNode> unknownFields) {

    private static final Set<String> KNOWN = Set.of("id", "histUri", "title", "visits", "deleted");

    /**
     * One visit.
     *
     * @param dateMicros microseconds since the epoch (the unit history uses, unlike bookmarks)
     * @param transition the Places transition type, 1 (link) … 9 (reload)
     */
    public record Visit(long dateMicros, int transition) {
        public Instant instant() {
            return Instant.ofEpochSecond(Math.floorDiv(dateMicros, 1_000_000L),
                    Math.floorMod(dateMicros, 1_000_000L) * 1000L);
        }
    }

    public static HistoryRecord parse(String bsoId, JsonNode o) {
        List<Visit> visits = new ArrayList<>();
        int dropped = 0;
        JsonNode vs = o.get("visits");
        if (vs != null && vs.isArray()) {
            for (JsonNode v : vs) {
                Long date = v != null && v.isObject() ? Fields.integer(v, "date") : null;
                Integer type = v != null && v.isObject() ? Fields.int32(v, "type") : null;
                if (date == null || date <= 0 || type == null) {
                    dropped++;
                } else {
                    visits.add(new Visit(date, type));
                }
            }
        }
        return new HistoryRecord(Fields.id(o, bsoId), Fields.text(o, "histUri"), Fields.text(o, "title"),
                Collections.unmodifiableList(visits), dropped, Fields.unknown(o, KNOWN));
    }

    public static HistoryRecord from(DecryptedRecord record) {
        return parse(record.id(), record.cleartext());
    }
}
