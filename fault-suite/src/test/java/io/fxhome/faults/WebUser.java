package io.fxhome.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fxhome.process.testing.AppProcess;

/**
 * A person using the web app through its JSON API: signs in with the password (which links the account) and presses
 * "sync now". Keeps the session cookies itself (they are Secure, which a cookie jar would not send over plain HTTP).
 */
final class WebUser {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    final String email;
    private final String password;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;
    private UUID accountId;

    WebUser(String email, String password) {
        this.email = email;
        this.password = password;
    }

    /** Signs in; the web app links the account and enqueues its first sync. */
    void signIn(AppProcess web, DataSource db) throws IOException, InterruptedException, SQLException {
        HttpResponse<String> session = send(web, "POST", "/api/v1/session",
                JSON.writeValueAsString(Map.of("email", email, "password", password)));
        if (session.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + email + ": " + session.statusCode() + " " + session.body());
        }
        HttpResponse<String> me = send(web, "GET", "/api/v1/me", null);
        csrfToken = JSON.readTree(me.body()).path("csrfToken").asText();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select id from account where email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                accountId = rs.getObject(1, UUID.class);
            }
        }
    }

    /** {@code POST /api/v1/sync}: the HTTP status (202 when the job was enqueued, 503 when the broker is away). */
    int syncNow(AppProcess web) throws IOException, InterruptedException {
        return send(web, "POST", "/api/v1/sync", "{}").statusCode();
    }

    UUID accountId() {
        return accountId;
    }

    private HttpResponse<String> send(AppProcess web, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            if (value.isEmpty() || value.equals("\"\"")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }

    @Override
    public String toString() {
        return email;
    }
}
