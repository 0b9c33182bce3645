package io.fxhome.web.bookmarks.health;

/**
 * Why an item is in "Lost and found", and where Firefox's bookmark repair (the dogear merger of Firefox desktop) would
 * place it: an item whose parent is missing goes to the folder that lists it, else to Other Bookmarks (unfiled); an
 * item its parent does not list stays in that parent (at the end), unless another folder lists it, which then wins (the
 * most recently modified, if several).
 */
public enum LostReason {
    /** Its parent id names no folder in the mirror, and no folder lists it. */
    PARENT_MISSING("parent-missing", true),
    /** Its parent id names no folder, but another folder lists it. */
    PARENT_MISSING_LISTED_ELSEWHERE("parent-missing-listed-elsewhere", true),
    /** It has no parent id at all. */
    NO_PARENT("no-parent", true),
    /** Its parent is the invisible top level, where only the four roots belong. */
    OUTSIDE_ROOTS("outside-roots", true),
    /** Its parent exists, but its folders contain each other: no root reaches it. */
    CYCLE("cycle", true),
    /** Its parent exists and is reachable, but lists it not among its children (no folder does). */
    NOT_LISTED("not-listed", false),
    /** Its parent does not list it, another folder does. */
    LISTED_ELSEWHERE("listed-elsewhere", false);

    private final String code;
    private final boolean orphan;

    LostReason(String code, boolean orphan) {
        this.code = code;
        this.orphan = orphan;
    }

    public String code() {
        return code;
    }

    /** No root reaches it through parent ids: the folder views cannot show it, only "Lost and found" does. */
    public boolean orphan() {
        return orphan;
    }
}
