package io.fxhome.web.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.hygiene.testing.LogCapture;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every parameter of every endpoint of the JSON API and of the HTML4 pages, with what an attacker would send: a NUL
 * character, numbers beyond {@code long} and negative ones, overlong strings, percent-encodings that are not UTF-8,
 * and crafted history cursors. No answer is a 5xx or carries a stack trace; the JSON API answers problem details and
 * the HTML4 pages answer pages (a form that does not decode, or a field over the form limit, included); a NUL in the
 * address or a search pick, or a crafted cursor, is a 400; an address that does not decode at all is refused 400 by the
 * HTTP server before any fxhome code; and a request logs one line at most, never an ERROR or a stack trace.
 * {@link #theTableCoversEveryEndpoint} keeps the table complete: a new resource method with a
 * parameter must be added to it.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class HostileRequestsTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    /** Where a parameter goes. */
    enum In {
        QUERY,
        PATH,
        FORM,
        JSON
    }

    /**
     * One parameter of one endpoint. {@code template} holds {@code {}} where a path parameter goes; {@code basic} pages
     * answer HTML; {@code signedIn} ones are called with a session, and state-changing ones with its CSRF token.
     */
    record Param(String method, String template, In in, String name, boolean signedIn) {
        boolean basic() {
            return template.startsWith("/basic");
        }

        String route() {
            return method + " " + template.replace("{}", "{" + name + "}").replaceAll("\\?.*$", "");
        }
    }

    static final List<Param> TABLE = List.of(
            new Param("GET", "/api/v1/history", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/history", In.QUERY, "limit", true),
            new Param("GET", "/api/v1/history/visits", In.QUERY, "from", true),
            new Param("GET", "/api/v1/history/visits", In.QUERY, "to", true),
            new Param("GET", "/api/v1/history/visits", In.QUERY, "host", true),
            new Param("GET", "/api/v1/history/visits", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/history/visits", In.QUERY, "limit", true),
            new Param("GET", "/api/v1/history/visits", In.QUERY, "order", true),
            new Param("GET", "/api/v1/history/visits/search", In.QUERY, "q", true),
            new Param("GET", "/api/v1/history/visits/search", In.QUERY, "from", true),
            new Param("GET", "/api/v1/history/visits/search", In.QUERY, "to", true),
            new Param("GET", "/api/v1/history/visits/search", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/history/visits/search", In.QUERY, "limit", true),
            new Param("GET", "/api/v1/history/calendar", In.QUERY, "month", true),
            new Param("GET", "/api/v1/history/calendar", In.QUERY, "tz", true),
            new Param("GET", "/api/v1/history/sites", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/history/sites", In.QUERY, "limit", true),
            new Param("GET", "/api/v1/history/sites/{}", In.PATH, "host", true),
            new Param("GET", "/api/v1/history/sites/bread.example", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/history/story", In.QUERY, "url", true),
            new Param("GET", "/api/v1/history/story?url=https://bread.example/", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/history/story?url=https://bread.example/", In.QUERY, "limit", true),
            new Param("POST", "/api/v1/history/purge", In.JSON, "from", true),
            new Param("POST", "/api/v1/history/purge", In.JSON, "to", true),
            new Param("POST", "/api/v1/history/purge", In.JSON, "host", true),
            new Param("GET", "/api/v1/export/history.csv", In.QUERY, "x", true),
            new Param("GET", "/api/v1/export/history.json", In.QUERY, "x", true),
            new Param("GET", "/basic/history/day", In.QUERY, "date", true),
            new Param("GET", "/basic/history/day", In.QUERY, "cursor", true),
            new Param("GET", "/basic/history/calendar", In.QUERY, "month", true),
            new Param("GET", "/basic/history/sites", In.QUERY, "cursor", true),
            new Param("GET", "/basic/history/sites/{}", In.PATH, "host", true),
            new Param("GET", "/basic/history/sites/bread.example", In.QUERY, "cursor", true),
            new Param("GET", "/basic/history/search", In.QUERY, "q", true),
            new Param("GET", "/basic/history/search", In.QUERY, "from", true),
            new Param("GET", "/basic/history/search", In.QUERY, "to", true),
            new Param("GET", "/basic/history/search?q=bread", In.QUERY, "cursor", true),
            new Param("GET", "/basic/page", In.QUERY, "url", true),
            new Param("GET", "/basic/page?url=https://bread.example/", In.QUERY, "cursor", true),
            new Param("GET", "/basic/history/purge", In.QUERY, "host", true),
            new Param("GET", "/basic/history/purge", In.QUERY, "visits", true),
            new Param("POST", "/basic/history/purge", In.FORM, "from", true),
            new Param("POST", "/basic/history/purge", In.FORM, "to", true),
            new Param("POST", "/basic/history/purge", In.FORM, "host", true),
            new Param("GET", "/api/v1/search", In.QUERY, "q", true),
            new Param("POST", "/api/v1/search/picks", In.JSON, "query", true),
            new Param("POST", "/api/v1/search/picks", In.JSON, "url", true),
            new Param("GET", "/api/v1/bookmarks/{}", In.PATH, "guid", true),
            new Param("GET", "/api/v1/tabs", In.QUERY, "x", true),
            new Param("GET", "/api/v1/devices", In.QUERY, "x", true),
            new Param("GET", "/api/v1/me", In.QUERY, "x", true),
            new Param("GET", "/api/v1/sync", In.QUERY, "x", true),
            new Param("GET", "/api/v1/devices/{}/timeline", In.PATH, "clientId", true),
            new Param("GET", "/api/v1/devices/laptop/timeline", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/devices/laptop/timeline", In.QUERY, "limit", true),
            new Param("GET", "/api/v1/devices/{}/timeline/at", In.PATH, "clientId", true),
            new Param("GET", "/api/v1/devices/laptop/timeline/at", In.QUERY, "time", true),
            new Param("GET", "/api/v1/bookmark-health", In.QUERY, "x", true),
            new Param("GET", "/api/v1/bookmark-health/{}", In.PATH, "list", true),
            new Param("GET", "/api/v1/bookmark-health/orphans", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/bookmark-health/orphans", In.QUERY, "limit", true),
            new Param("GET", "/api/v1/export/bookmarks.html", In.QUERY, "x", true),
            new Param("GET", "/api/v1/export/bookmarks.json", In.QUERY, "x", true),
            new Param("GET", "/api/v1/export/tabs.json", In.QUERY, "device", true),
            new Param("GET", "/api/v1/export/tabs.json?device=laptop", In.QUERY, "at", true),
            new Param("GET", "/api/v1/export/tabs.txt", In.QUERY, "device", true),
            new Param("GET", "/api/v1/export/tabs.txt?device=laptop", In.QUERY, "at", true),
            new Param("POST", "/api/v1/session", In.JSON, "email", false),
            new Param("POST", "/api/v1/session", In.JSON, "password", false),
            new Param("POST", "/api/v1/session", In.JSON, "unblockCode", false),
            new Param("POST", "/api/v1/session/verify", In.JSON, "code", false),
            new Param("POST", "/api/v1/session/verify", In.JSON, "pendingSignIn", false),
            new Param("POST", "/api/v1/session/verify/resend", In.JSON, "pendingSignIn", false),
            new Param("POST", "/api/v1/session/unblock/resend", In.JSON, "pendingSignIn", false),
            new Param("POST", "/api/v1/session/browser/complete", In.JSON, "url", false),
            new Param("POST", "/api/v1/session/browser/complete", In.JSON, "code", false),
            new Param("POST", "/api/v1/session/browser/complete", In.JSON, "state", false),
            new Param("GET", "/signin/oauth", In.QUERY, "basic", false),
            new Param("GET", "/signin/oauth/callback", In.QUERY, "code", false),
            new Param("GET", "/signin/oauth/callback", In.QUERY, "state", false),
            new Param("GET", "/signin/oauth/callback", In.QUERY, "error", false),
            new Param("GET", "/basic/", In.QUERY, "offered", false),
            new Param("GET", "/basic/", In.QUERY, "error", false),
            new Param("GET", "/basic/", In.QUERY, "deleted", false),
            new Param("GET", "/basic/history", In.QUERY, "cursor", true),
            new Param("GET", "/basic/search", In.QUERY, "q", true),
            new Param("GET", "/basic/bookmarks/{}", In.PATH, "guid", true),
            new Param("GET", "/basic/tabs", In.QUERY, "x", true),
            new Param("GET", "/basic/devices/{}/timeline", In.PATH, "clientId", true),
            new Param("GET", "/basic/devices/laptop/timeline", In.QUERY, "cursor", true),
            new Param("GET", "/basic/devices/{}/tabs-at", In.PATH, "clientId", true),
            new Param("GET", "/basic/devices/laptop/tabs-at", In.QUERY, "date", true),
            new Param("GET", "/basic/devices/laptop/tabs-at?date=2026-12-01", In.QUERY, "time", true),
            new Param("GET", "/basic/devices/laptop/tabs-at", In.QUERY, "at", true),
            new Param("GET", "/basic/bookmark-health", In.QUERY, "x", true),
            new Param("GET", "/basic/bookmark-health/{}", In.PATH, "list", true),
            new Param("GET", "/basic/bookmark-health/orphans", In.QUERY, "cursor", true),
            new Param("GET", "/basic/sync", In.QUERY, "first", true),
            new Param("GET", "/basic/sync", In.QUERY, "notice", true),
            new Param("POST", "/basic/sync", In.FORM, "csrf", true),
            new Param("POST", "/basic/delete", In.FORM, "confirm", true),
            new Param("POST", "/basic/signout", In.FORM, "csrf", true),
            new Param("GET", "/basic/signin", In.QUERY, "offered", false),
            new Param("GET", "/basic/signin", In.QUERY, "error", false),
            new Param("GET", "/basic/signin", In.QUERY, "deleted", false),
            new Param("POST", "/basic/signin", In.FORM, "email", false),
            new Param("POST", "/basic/signin", In.FORM, "password", false),
            new Param("POST", "/basic/signin/code", In.FORM, "code", false),
            new Param("POST", "/basic/signin/unblock", In.FORM, "email", false),
            new Param("POST", "/basic/signin/unblock", In.FORM, "password", false),
            new Param("POST", "/basic/signin/unblock", In.FORM, "unblockCode", false),
            new Param("POST", "/basic/signin/unblock/resend", In.FORM, "email", false),
            new Param("GET", "/basic/signin/browser", In.QUERY, "again", false),
            new Param("POST", "/basic/signin/browser", In.FORM, "url", false),
            new Param("GET", "/api/v1/tokens", In.QUERY, "x", true),
            new Param("GET", "/api/v1/tokens", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/tokens", In.QUERY, "limit", true),
            new Param("POST", "/api/v1/tokens", In.JSON, "name", true),
            new Param("DELETE", "/api/v1/tokens/{}", In.PATH, "id", true),
            new Param("GET", "/api/v1/feeds", In.QUERY, "x", true),
            new Param("GET", "/feeds/{}/bookmarks.atom", In.PATH, "key", false),
            new Param("GET", "/feeds/{}/tabs.atom", In.PATH, "key", false),
            new Param("GET", "/feeds/" + java.util.UUID.randomUUID() + ".x/tabs.atom", In.QUERY, "device", false),
            new Param("GET", "/basic/tokens", In.QUERY, "notice", true),
            new Param("GET", "/basic/tokens", In.QUERY, "cursor", true),
            new Param("POST", "/basic/tokens", In.FORM, "name", true),
            new Param("POST", "/basic/tokens/revoke", In.FORM, "id", true),
            new Param("POST", "/basic/feeds", In.FORM, "csrf", true),
            new Param("POST", "/basic/feeds/revoke", In.FORM, "csrf", true),
            new Param("GET", "/api/v1/inbox", In.QUERY, "cursor", true),
            new Param("GET", "/api/v1/inbox", In.QUERY, "limit", true),
            new Param("POST", "/api/v1/inbox/{}/read", In.PATH, "id", true),
            new Param("DELETE", "/api/v1/inbox/{}", In.PATH, "id", true),
            new Param("GET", "/basic/inbox", In.QUERY, "cursor", true),
            new Param("GET", "/basic/inbox", In.QUERY, "notice", true),
            new Param("POST", "/basic/inbox/read", In.FORM, "id", true),
            new Param("POST", "/basic/inbox/delete", In.FORM, "id", true),
            new Param("GET", "/lang/{}", In.PATH, "tag", false),
            new Param("GET", "/lang/de", In.QUERY, "back", false),
            new Param("POST", "/api/v1/send-tab", In.JSON, "deviceId", true),
            new Param("POST", "/api/v1/send-tab", In.JSON, "url", true),
            new Param("POST", "/api/v1/send-tab", In.JSON, "title", true),
            new Param("GET", "/basic/send", In.QUERY, "url", true),
            new Param("GET", "/basic/send", In.QUERY, "title", true),
            new Param("POST", "/basic/send", In.FORM, "deviceId", true),
            new Param("POST", "/basic/send", In.FORM, "url", true),
            new Param("POST", "/basic/send", In.FORM, "title", true),
            new Param("PUT", "/api/v1/send-tab/device", In.JSON, "name", true),
            new Param("POST", "/basic/device-name", In.FORM, "name", true));

    /** A hostile value: as it goes into a URL (already percent-encoded) and as it goes into a body. */
    record Value(String name, String inUrl, String inBody, boolean nul) {
    }

    static final String LONG = "a".repeat(3_000);

    static final List<Value> VALUES = List.of(
            new Value("NUL", "%00", "\0", true),
            new Value("NUL inside", "ab%00cd", "ab\0cd", true),
            new Value("huge number", "99999999999999999999999999", "99999999999999999999999999", false),
            new Value("long max + 1", "9223372036854775808", "9223372036854775808", false),
            new Value("negative", "-1", "-1", false),
            new Value("long min - 1", "-9223372036854775809", "-9223372036854775809", false),
            new Value("overlong", LONG, "b".repeat(200_000), false),
            new Value("invalid UTF-8 (FF)", "%FF", "\udc80", false),
            new Value("invalid UTF-8 (C3 28)", "%C3%28", "\ud800(", false),
            new Value("UTF-8 surrogate (ED A0 80)", "%ED%A0%80", "\ud800", false),
            new Value("overlong NUL (C0 80)", "%C0%80", "\u00c0\u0080", false),
            new Value("truncated UTF-8 (E2 82)", "%E2%82", "\u00e2", false),
            new Value("bad percent-encoding", "%G0%", "%G0%", false));

    /** What came back: RestAssured's answer, or the raw one of a request no HTTP client library would send. */
    record Answer(int statusCode, String contentType, String body, boolean rawRequestLine) {
    }

    /** Cursors an attacker crafts: valid base64url around values the database refuses. */
    static final List<Value> CURSORS = List.of(cursor(Long.MAX_VALUE + "|x"), cursor(Long.MIN_VALUE + "|x"),
            cursor("7000000000000000000|x"), cursor("-200000000000000000|x"), cursor("0|a\0b"), cursor("0|" + LONG));

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;

    Browser user;

    @BeforeEach
    void signedIn() throws Exception {
        TestData data = TestData.newAccount(ds);
        data.place("p1", "https://bread.example/", "Bread", 3, Instant.now());
        data.place("p2", "https://bread.example/2", "Bread 2", 2, Instant.now().minusSeconds(60));
        data.folder("toolbar", "places", 0, "toolbar", List.of());
        data.device("laptop", "Laptop", "desktop", Instant.now().getEpochSecond()).tab("laptop", 0, "Bread",
                "https://bread.example/", Instant.now());
        TestData.exec(ds, """
                insert into tab_snapshot (account_id, client_id, taken_at, client_name, fingerprint, tab_count, tabs)
                values (?, 'laptop', now() - interval '1 day', 'Laptop', '\\x00', 1,
                        '[{"title": "Bread", "url": "https://bread.example/", "pinned": false, "inactive": false}]')""",
                data.account);
        user = Browser.signedIn(sessions.create(data.account, "test", Instant.now()));
    }

    @Test
    void noHostileParameterReachesTheDatabaseOrAStackTrace() {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Param p : TABLE) {
            List<Value> values = new ArrayList<>(VALUES);
            if (p.name().equals("cursor")) {
                values.addAll(CURSORS);
            }
            for (Value v : values) {
                requests++;
                List<String> lines;
                Answer r;
                try (LogCapture capture = LogCapture.start()) {
                    r = send(p, v);
                    lines = capture.lines().stream().filter(l -> !l.startsWith("FINE") && !l.startsWith("FINER")
                            && !l.startsWith("FINEST") && !l.startsWith("DEBUG") && !l.startsWith("TRACE")).toList();
                }
                String what = p.route() + " with " + p.name() + " = " + v.name() + " -> " + r.statusCode() + " "
                        + r.contentType();
                String body = r.body();
                if (lines.size() > 1 || lines.stream().anyMatch(l -> l.startsWith("SEVERE") || l.startsWith("ERROR")
                        || l.contains("\n\tat "))) {
                    String all = String.join(" // ", lines);
                    failures.add(
                            what + ": logged " + lines.size() + " lines: " + all.substring(0, Math.min(600, all.length())));
                }
                if (r.statusCode() >= 500) {
                    failures.add(what + ": " + body.substring(0, Math.min(300, body.length())));
                }
                if (body.contains("Exception") || body.matches("(?s).*\\tat [a-z]+\\..*")) {
                    failures.add(what + ": a stack trace in the answer");
                }
                boolean redirect = r.statusCode() >= 300 && r.statusCode() < 400;
                if (r.rawRequestLine()) {
                    // An address that does not decode is refused by the HTTP server itself, before any fxhome code.
                    if (r.statusCode() != 400) {
                        failures.add(what + ": not refused with 400");
                    }
                    continue;
                }
                if (!redirect && !p.basic() && r.statusCode() >= 400
                        && !r.contentType().startsWith("application/problem+json")) {
                    failures.add(what + ": not problem details");
                }
                if (!redirect && p.basic() && !r.contentType().startsWith("text/html")) {
                    failures.add(what + ": not a page");
                }
                boolean mustRefuse = (v.nul() && (p.in() == In.QUERY || p.in() == In.PATH || isPick(p)))
                        || (CURSORS.contains(v) && !p.basic());
                if (mustRefuse && r.statusCode() != 400) {
                    failures.add(what + ": not refused with 400");
                }
            }
        }
        assertThat(failures).as("failures among %d hostile requests", requests).isEmpty();
    }

    /** The cursors at the ends of the range a cursor may name reach the database, which answers them. */
    @Test
    void cursorsAtTheEndsOfTheirRangeAreAnswered() {
        for (String edge : List.of("-4000-01-01T00:00:00Z", "+200000-01-01T00:00:00Z")) {
            String plain = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(edge)) + "|x";
            Response r = user.request().urlEncodingEnabled(false).get("/api/v1/history?cursor=" + cursor(plain).inUrl());
            assertThat(r.statusCode()).as(plain).isEqualTo(200);
        }
    }

    /**
     * Every resource method that takes a parameter (or any at all, for the signed-in lists) is in the table: the
     * classes under io.fxhome.web, read from the test's class path.
     */
    @Test
    void theTableCoversEveryEndpoint() throws Exception {
        Set<String> routes = new TreeSet<>();
        Path classes = Path.of(io.fxhome.web.problem.Problem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class) ? "GET"
                            : m.isAnnotationPresent(POST.class) ? "POST"
                                    : m.isAnnotationPresent(DELETE.class) ? "DELETE"
                                            : m.isAnnotationPresent(PUT.class) ? "PUT" : null;
                    if (verb == null || !hasUserInput(m)) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = (base.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                    routes.add(verb + " " + (path.length() > 1 && path.endsWith("/") && !path.equals("/basic/")
                            ? path.substring(0, path.length() - 1)
                            : path));
                }
            }
        }
        Set<String> covered = new TreeSet<>();
        TABLE.forEach(p -> covered.add(p.route()));
        assertThat(routes).isNotEmpty();
        assertThat(covered).containsAll(routes);
    }

    private static boolean hasUserInput(Method m) {
        for (var annotations : m.getParameterAnnotations()) {
            if (annotations.length == 0) {
                return true; // a request body
            }
            for (var a : annotations) {
                String n = a.annotationType().getSimpleName();
                if (n.equals("QueryParam") || n.equals("PathParam") || n.equals("RestForm") || n.equals("FormParam")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPick(Param p) {
        return p.template().equals("/api/v1/search/picks");
    }

    private Answer send(Param p, Value v) {
        Browser b = p.signedIn() ? user : new Browser();
        if (v.inUrl().contains("%G") && (p.method().equals("GET") || p.in() == In.PATH)) {
            String url = p.in() == In.PATH ? p.template().replace("{}", v.inUrl())
                    : p.template() + "?" + p.name() + "=" + v.inUrl();
            return raw(p.method(), url, b);
        }
        RequestSpecification r = b.request().urlEncodingEnabled(false);
        String csrfCookie = "hostile-requests-test-csrf-cookie";
        String url = p.template();
        switch (p.in()) {
            case QUERY -> url = url + (url.contains("?") ? "&" : "?") + p.name() + "=" + v.inUrl();
            case PATH -> url = url.replace("{}", v.inUrl());
            case FORM -> {
                r.contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).cookie("fxhome_csrf", csrfCookie);
                r.formParam("csrf", p.name().equals("csrf") ? v.inUrl() : p.signedIn() ? b.csrf : csrfCookie);
                if (!p.name().equals("csrf")) {
                    r.formParam(p.name(), v.inUrl());
                }
            }
            case JSON -> {
                Map<String, Object> body = new java.util.HashMap<>(Map.of("query", "bread", "url", "https://bread.example/",
                        "email", "nobody-" + java.util.UUID.randomUUID() + "@example.test", "password", "pw"));
                body.put(p.name(), v.inBody());
                r.contentType(ContentType.JSON).body(body).header("X-CSRF-Token", b.csrf == null ? "" : b.csrf);
            }
        }
        Response answer = switch (p.method()) {
            case "GET" -> r.get(url);
            case "POST" -> r.post(url);
            case "PUT" -> r.put(url);
            default -> r.delete(url);
        };
        return new Answer(answer.statusCode(), String.valueOf(answer.getContentType()), answer.asString(), false);
    }

    /** A request written on the socket as is, for request lines that URI classes refuse to build. */
    private Answer raw(String method, String pathAndQuery, Browser b) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String request = method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nX-Forwarded-For: " + b.address + (b.session == null ? "" : "\r\nCookie: fxhome_session=" + b.session)
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            Matcher type = Pattern.compile("(?im)^content-type:\\s*(.*?)\r?$").matcher(answer);
            int bodyAt = answer.indexOf("\r\n\r\n");
            return new Answer(status, type.find() ? type.group(1) : "", bodyAt < 0 ? "" : answer.substring(bodyAt + 4), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Value cursor(String plain) {
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        return new Value("crafted cursor " + plain.substring(0, Math.min(plain.length(), 24)), text, text, false);
    }
}
