package io.fxhome.web.basic;

import java.util.List;

import io.fxhome.web.history.HistoryEntry;

/** The history entries of one day (UTC), for the HTML4 history page. */
public record HistoryDay(String label, List<HistoryEntry> items) {
}
