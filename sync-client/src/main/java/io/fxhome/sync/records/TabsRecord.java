package io.fxhome.sync.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.storage.DecryptedRecord;

/**
 * A {@code tabs} record (§7.3): one device's open tabs, most recently used first.
 *
 * @param id the device's clients-record id
 * @param clientName the device name at upload time
 * @param tabs the tabs
 * @param unknownFields members this parser does not know (e.g. {@code windows}, {@code tabGroups})
 */
public record TabsRecord(String id, String clientName, List<RemoteTab> tabs, Map<String, JsonNode> unknownFields) {

    private static final Set<String> KNOWN = Set.of("id", "clientName", "tabs", "deleted");

    /**
     * One tab.
     *
     * @param title the title (null if missing)
     * @param urlHistory back history, current URL first
     * @param icon favicon URL; an empty string reads as null
     * @param lastUsedSeconds last access in <b>seconds</b> (ints, floats and numeric strings accepted), 0 if unknown;
     *        {@link #lastUsed()} reads a time after the year 9999 as unknown
     * @param inactive Android "inactive tab" flag, or null
     * @param pinned pinned flag, or null
     * @param index position, or null
     */
    public record RemoteTab(String title, List<String> urlHistory, String icon, long lastUsedSeconds,
            Boolean inactive, Boolean pinned, Integer index) {

        /** The current URL, {@code urlHistory[0]}. */
        public Optional<String> url() {
            return urlHistory.isEmpty() ? Optional.empty() : Optional.of(urlHistory.get(0));
        }

        public Optional<Instant> lastUsed() {
            // Not after the year 9999: a later one would not even be an Instant from 31,556,889,864,403,200 on.
            return lastUsedSeconds > 0 && lastUsedSeconds <= Fields.LATEST_MILLIS / 1000
                    ? Optional.of(Instant.ofEpochSecond(lastUsedSeconds))
                    : Optional.empty();
        }
    }

    public static TabsRecord parse(String bsoId, JsonNode o) {
        List<RemoteTab> tabs = new ArrayList<>();
        JsonNode ts = o.get("tabs");
        if (ts != null && ts.isArray()) {
            for (JsonNode t : ts) {
                if (t == null || !t.isObject()) {
                    continue;
                }
                Long lastUsed = Fields.integer(t, "lastUsed");
                String icon = Fields.text(t, "icon");
                tabs.add(new RemoteTab(Fields.text(t, "title"), Fields.strings(t, "urlHistory"),
                        icon == null || icon.isEmpty() ? null : icon, lastUsed == null ? 0 : lastUsed,
                        Fields.bool(t, "inactive"), Fields.bool(t, "pinned"), Fields.int32(t, "index")));
            }
        }
        return new TabsRecord(Fields.id(o, bsoId), Fields.text(o, "clientName"), Collections.unmodifiableList(tabs),
                Fields.unknown(o, KNOWN));
    }

    public static TabsRecord from(DecryptedRecord record) {
        return parse(record.id(), record.cleartext());
    }
}
