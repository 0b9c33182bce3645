package io.fxhome.worker.history;

import java.math.BigDecimal;
import java.util.Optional;

import io.fxhome.sync.records.HistoryRecord;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.worker.db.Text;
import io.fxhome.worker.frecency.Visit;

/** Turns a decrypted history record into a place with its visits; empty when it has no URL (nothing to show). */
public final class HistoryNormalizer {
    private HistoryNormalizer() {
    }

    public static Optional<HistoryPlaceRow> normalize(DecryptedRecord record) {
        HistoryRecord h = HistoryRecord.from(record);
        if (h.histUri() == null || h.histUri().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new HistoryPlaceRow(Text.clean(h.id()), Text.clean(h.histUri()), Text.clean(h.title()),
                new BigDecimal(record.modified().text()),
                h.visits().stream().map(v -> new Visit(v.dateMicros(), v.transition())).toList()));
    }
}
