package io.fxhome.web.sendtab;

import io.fxhome.web.http.Links;
import io.fxhome.web.problem.Problem;

/**
 * Which pages fxhome sends. Firefox offers "Send to device" only for pages another Firefox can open (its
 * {@code isSendableURI}: a URL of at most 65,535 characters whose scheme is not one of
 * {@code services.sync.engine.tabs.filteredSchemes}: about, resource, chrome, file, blob, moz-extension, data). fxhome
 * is stricter, with the one rule every view of it uses ({@link Links}): {@code http}, {@code https} and {@code ftp}
 * only, so a {@code javascript:} or {@code data:} address, a local file or a {@code place:} query is never sent.
 */
public final class SendableUrl {
    /** Firefox's own bound (isSendableURI). */
    public static final int MAX_URL = 65_535;

    private SendableUrl() {
    }

    /** @throws Problem 400 {@code not-sendable} with a sentence the user can act on */
    public static String require(String url) {
        if (url == null || url.isBlank()) {
            throw notSendable("There is no address to send.");
        }
        if (url.length() > MAX_URL) {
            throw notSendable("This address is too long to send (at most " + MAX_URL + " characters).");
        }
        if (!Links.linkable(url)) {
            throw notSendable("Only web addresses (http, https, ftp) can be sent to a device.");
        }
        return url;
    }

    static Problem notSendable(String detail) {
        return new Problem(400, "not-sendable", "Cannot send this page", detail);
    }
}
