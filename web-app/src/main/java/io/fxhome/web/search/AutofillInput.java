package io.fxhome.web.search;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A query that looks like the start of a URL, as Firefox's autofill reads it (UrlbarProviderAutofill): one word, no
 * restriction, an optional {@code http://}, {@code https://} or {@code ftp://} typed first, then a host prefix
 * ({@code git}, {@code www.github.c}) for origin autofill, or a host and a path prefix ({@code github.com/moz}) for URL
 * autofill, which completes up to the next slash.
 *
 * @param typed the word as typed
 * @param scheme the scheme prefix typed (lower case), or ""
 * @param rest what follows it, lower case
 * @param www {@code rest} starts with {@code www.}
 */
record AutofillInput(String typed, String scheme, String rest, boolean www) {
    private static final Pattern HOST_PREFIX = Pattern.compile("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]*)*/?");
    private static final Pattern URL_PREFIX = Pattern.compile("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+/\\S*");

    /** The completed text (what the address bar would show selected after the typed part) and the URL it opens. */
    record Completion(String text, String url) {
    }

    static Optional<AutofillInput> of(SearchQuery query) {
        if (!query.unrestricted() || query.words().size() != 1 || query.text().contains(" ")) {
            return Optional.empty();
        }
        String typed = query.words().get(0);
        String lower = typed.toLowerCase(Locale.ROOT);
        String scheme = "";
        for (String s : new String[] { "https://", "http://", "ftp://" }) {
            if (lower.startsWith(s)) {
                scheme = s;
                break;
            }
        }
        String rest = lower.substring(scheme.length());
        if (rest.isEmpty() || !(HOST_PREFIX.matcher(rest).matches() || URL_PREFIX.matcher(rest).matches())) {
            return Optional.empty();
        }
        return Optional.of(new AutofillInput(typed, scheme, rest, rest.startsWith("www.")));
    }

    /** A host prefix rather than a host and a path. */
    boolean origin() {
        int slash = rest.indexOf('/');
        return slash < 0 || slash == rest.length() - 1;
    }

    /** The host prefix to look for, without {@code www.} or a trailing slash (stored hosts have neither). */
    String hostPrefix() {
        String h = www ? rest.substring(4) : rest;
        return h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
    }

    /** The typed URL prefix without scheme and {@code www.}, as URL autofill looks for it. */
    String urlPrefix() {
        return www ? rest.substring(4) : rest;
    }

    /**
     * The completion that a page or bookmark at {@code url} gives: its host and a slash (origin autofill), or its URL up
     * to the next slash after what was typed (URL autofill). Empty when {@code url} does not start with what was typed.
     */
    Optional<Completion> completion(String url) {
        int sep = url.indexOf("://");
        if (sep <= 0) {
            return Optional.empty();
        }
        String pageScheme = url.substring(0, sep + 3).toLowerCase(Locale.ROOT);
        if (!pageScheme.equals("http://") && !pageScheme.equals("https://") && !pageScheme.equals("ftp://")) {
            return Optional.empty();
        }
        String stripped = url.substring(sep + 3);
        String pageWww = "";
        if (stripped.toLowerCase(Locale.ROOT).startsWith("www.")) {
            pageWww = stripped.substring(0, 4);
            stripped = stripped.substring(4);
        }
        if (www && pageWww.isEmpty()) {
            return Optional.empty();
        }
        String want = urlPrefix();
        String lower = stripped.toLowerCase(Locale.ROOT);
        String opened = (scheme.isEmpty() ? pageScheme : scheme) + (pageWww.isEmpty() ? "" : "www.");
        if (origin()) {
            int end = 0;
            while (end < lower.length() && "/?#:".indexOf(lower.charAt(end)) < 0) {
                end++;
            }
            String host = lower.substring(0, end);
            String wantHost = want.endsWith("/") ? want.substring(0, want.length() - 1) : want;
            if (!host.startsWith(wantHost) || host.isEmpty()) {
                return Optional.empty();
            }
            String text = typed + host.substring(wantHost.length()) + (typed.endsWith("/") ? "" : "/");
            return Optional.of(new Completion(text, opened + host + "/"));
        }
        if (!lower.startsWith(want)) {
            return Optional.empty();
        }
        int slash = stripped.indexOf('/', want.length());
        String completed = slash < 0 ? stripped : stripped.substring(0, slash + 1);
        return Optional.of(new Completion(typed + completed.substring(want.length()), opened + completed));
    }
}
