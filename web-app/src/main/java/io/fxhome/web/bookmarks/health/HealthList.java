package io.fxhome.web.bookmarks.health;

import java.util.Arrays;
import java.util.Optional;

/** The lists of the bookmark health report, by the name they have in URLs. */
public enum HealthList {
    LOST_AND_FOUND("lost-and-found", "Lost and found"),
    ORPHANS("orphans", "Orphans: their folder is missing or unreachable"),
    MULTIPLE_PARENTS("multiple-parents", "Items with two parents"),
    MISSING_CHILDREN("missing-children", "Folders that list missing children"),
    DUPLICATE_URLS("duplicate-urls", "Duplicate URLs"),
    EMPTY_FOLDERS("empty-folders", "Empty folders");

    private final String path;
    private final String title;

    HealthList(String path, String title) {
        this.path = path;
        this.title = title;
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public static Optional<HealthList> byPath(String path) {
        return Arrays.stream(values()).filter(l -> l.path.equals(path)).findFirst();
    }
}
