package io.fxhome.web.history.visits;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One visit to a page: when, and how ({@link Transitions}). Sync's history records carry no device, so a visit never
 * says which device made it.
 */
public record Visit(String url, String title, Instant visitedAt, String transition, boolean linkable,
        @JsonIgnore VisitCursor position) {
}
