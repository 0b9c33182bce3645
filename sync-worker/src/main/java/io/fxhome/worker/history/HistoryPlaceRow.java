package io.fxhome.worker.history;

import java.math.BigDecimal;
import java.util.List;

import io.fxhome.worker.frecency.Visit;

/** A page of history as the worker writes it: its Sync record id, URL, title and the visits the record carried. */
public record HistoryPlaceRow(String guid, String url, String title, BigDecimal serverModified, List<Visit> visits) {
}
