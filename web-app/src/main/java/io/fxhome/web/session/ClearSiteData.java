package io.fxhome.web.session;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Tells the browser to forget what it kept of the account when the account leaves it: on sign-out and on deletion
 * (JSON API and HTML4 pages alike), and on any answer to a request whose session cookie names a session that no longer
 * exists (signed out on another device or page, expired, deleted), whose cookie is cleared at the same time.
 * <p>
 * {@value #VALUE}: {@code "cache"} drops the HTTP cache of this origin (the lists are {@code private, no-cache}, so they
 * are stored) and the back/forward cache; {@code "storage"} drops the service worker's Cache API copies of the lists
 * (and of {@code /api/v1/me}, which holds the CSRF token), and unregisters the service worker, which the app registers
 * again on its next start (the shell it caches holds nothing of an account). Not {@code "cookies"}: it would clear
 * every cookie of the registrable domain, other applications' on sibling hosts included; the session cookie is expired
 * by Set-Cookie instead. Not {@code "executionContexts"}: neither Chromium nor WebKit implements it. Browsers honour the
 * header on HTTPS (and localhost) only: Chromium since 61, WebKit (Safari, iOS WKWebView) since 17; the app and the
 * service worker also empty their cache themselves on sign-out and on any 401, for the others.
 */
public class ClearSiteData {
    public static final String HEADER = "Clear-Site-Data";
    public static final String VALUE = "\"cache\", \"storage\"";

    private final CurrentUser current;
    private final SessionStarter starter;
    private final SessionCookies cookies;

    public ClearSiteData(CurrentUser current, SessionStarter starter, SessionCookies cookies) {
        this.current = current;
        this.starter = starter;
        this.cookies = cookies;
    }

    @ServerResponseFilter
    public void clear(ContainerResponseContext response) {
        if (starter.startedFor().isPresent()) {
            return; // a sign-in: the browser's old session (if any) was replaced, and the new one is starting to fill it
        }
        if (starter.ended()) {
            response.getHeaders().putSingle(HEADER, VALUE);
            return;
        }
        if (current.cookie().isPresent() && current.session().isEmpty()) {
            response.getHeaders().putSingle(HEADER, VALUE);
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookies.clearSession(current.https()));
        }
    }
}
