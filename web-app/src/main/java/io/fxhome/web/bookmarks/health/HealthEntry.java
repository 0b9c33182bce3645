package io.fxhome.web.bookmarks.health;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fxhome.web.bookmarks.Crumb;

/**
 * One finding of the bookmark health report. Which fields are set depends on the list: an item in "Lost and found"
 * has its {@code reason} ({@link LostReason}), {@code detail} for people and {@code placedIn}, the folder Firefox's own
 * repair would put it in; an item with two parents has {@code folders}; a folder listing missing children has
 * {@code missingGuids}; a duplicate URL has {@code bookmarks}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthEntry(String guid, String kind, String title, String url, Boolean linkable, String keyword,
        List<String> tags, String parentGuid, String reason, String detail, Crumb placedIn, List<Crumb> folders,
        List<String> missingGuids, List<Crumb> bookmarks) {
}
