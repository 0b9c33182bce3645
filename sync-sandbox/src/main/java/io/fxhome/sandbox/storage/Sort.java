package io.fxhome.sandbox.storage;

/** The {@code sort} parameter of a collection GET. */
public enum Sort {
    /** modified descending, ties by id descending (syncstorage-rs); also the order without {@code sort}. */
    NEWEST,
    /** modified ascending, ties by id ascending. */
    OLDEST,
    /** sortindex descending, ties by id descending. */
    INDEX;

    public static Sort parse(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "newest" -> NEWEST;
            case "oldest" -> OLDEST;
            case "index" -> INDEX;
            default -> throw new IllegalArgumentException("bad sort");
        };
    }
}
