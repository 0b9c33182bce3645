package io.fxhome.sync.storage;

/** The {@code sort} parameter of a collection GET (§5.3). */
public enum SortOrder {
    /** {@code modified} descending. */
    NEWEST("newest"),
    /** {@code modified} ascending: lets an interrupted download resume. */
    OLDEST("oldest"),
    /** {@code sortindex} descending. */
    INDEX("index");

    private final String wireName;

    SortOrder(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
