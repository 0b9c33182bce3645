package io.fxhome.worker.db;

/** Synced strings as PostgreSQL can store them: text columns cannot hold NUL, which hostile or broken records carry. */
public final class Text {
    private Text() {
    }

    public static String clean(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }
}
