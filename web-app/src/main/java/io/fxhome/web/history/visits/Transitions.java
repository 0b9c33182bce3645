package io.fxhome.web.history.visits;

import java.util.List;

/** Firefox's visit types (Places' transition numbers, as Sync carries them) by the names the API and the pages show. */
public final class Transitions {
    private static final List<String> NAMES = List.of("link", "typed", "bookmark", "embed", "redirect-permanent",
            "redirect-temporary", "download", "framed-link", "reload", "update-place");

    private Transitions() {
    }

    /** The name of a transition number; {@code other} for one Firefox does not define. */
    public static String name(int transition) {
        return transition >= 1 && transition <= NAMES.size() ? NAMES.get(transition - 1) : "other";
    }
}
