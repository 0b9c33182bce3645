package io.fxhome.sync.records;

/** The {@code type} of a bookmark record (§7.1); unknown types map to {@link #UNKNOWN} and should be skipped. */
public enum BookmarkKind {
    BOOKMARK("bookmark"),
    QUERY("query"),
    FOLDER("folder"),
    LIVEMARK("livemark"),
    SEPARATOR("separator"),
    /** Obsolete Firefox 3 type, carries bmkUri and generatorUri. */
    MICROSUMMARY("microsummary"),
    /** Legacy placeholder type. */
    ITEM("item"),
    UNKNOWN("");

    private final String wireName;

    BookmarkKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True for kinds that own {@code children}. */
    public boolean isFolderLike() {
        return this == FOLDER || this == LIVEMARK;
    }

    public static BookmarkKind of(String type) {
        if (type != null) {
            for (BookmarkKind k : values()) {
                if (k != UNKNOWN && k.wireName.equals(type)) {
                    return k;
                }
            }
        }
        return UNKNOWN;
    }
}
