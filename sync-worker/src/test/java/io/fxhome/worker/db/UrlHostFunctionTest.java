package io.fxhome.worker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * fxhome_url_host (V22) gives V14's value for every input: the host indexes were built with V14's and are not rebuilt.
 * V14's expression is repeated here as it was.
 */
@QuarkusTest
class UrlHostFunctionTest {
    private static final String V14 = "nullif(regexp_replace(lower(substring(u from "
            + "'^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]{1,253})(?:[/?#:]|$)')), '^www\\.', ''), '')";

    @Inject
    AgroalDataSource ds;

    @Test
    void givesV14sValueForTrickyUrls() throws SQLException {
        String h253 = "a".repeat(249) + ".com";
        String h254 = "a".repeat(250) + ".com";
        List<String> urls = new ArrayList<>(List.of("https://www.Example.com/path", "http://example.com",
                "http://example.com:8080/x", "https://user@host.example/", "https://user:pass@host.example/",
                "https://a@b@c.example/", "http://[::1]:8080/", "http:///nothing", "file:///etc/passwd",
                "place:sort=8", "about:blank", "javascript:alert(1)", "HTTPS://WWW.EXAMPLE.COM", "http://www./",
                "http://www.", "ftp://ftp.example.org?x#y", "moz-extension://abc/x", "1http://x.example/",
                "http://host?query", "http://host#frag", "http://éxample.com/ü", " http://space.example/", "",
                "http://" + h253 + "/", "http://" + h254 + "/", "http://user@" + h253 + "/", "http://user@" + h254,
                "http://user:pw@" + h254 + "/x", "http://user:pw@" + h253 + ":1/x", "http://" + h254 + "@short/",
                "http://" + "u".repeat(300) + ":p@" + h253, "http://www." + h253, "http://www." + h254));
        Random random = new Random(7);
        String[] parts = { "a", "B", "w", "www.", ".", ":", "/", "@", "?", "#", "[", "]", "é", "x".repeat(120),
                "y".repeat(253), "http://", "https://", "-", "+", "1" };
        for (int i = 0; i < 20_000; i++) {
            StringBuilder url = new StringBuilder(random.nextBoolean() ? "http://" : "");
            int n = random.nextInt(8);
            for (int j = 0; j < n; j++) {
                url.append(parts[random.nextInt(parts.length)]);
            }
            urls.add(url.toString());
        }
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select u, fxhome_url_host(u), " + V14
                        + " from unnest(?::text[]) as t (u) where fxhome_url_host(u) is distinct from " + V14)) {
            ps.setArray(1, c.createArrayOf("text", urls.toArray()));
            List<String> differ = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    differ.add(rs.getString(1) + " -> " + rs.getString(2) + " (V14: " + rs.getString(3) + ")");
                }
            }
            assertThat(differ).isEmpty();
        }
        // And the hosts themselves, so that the comparison compares something.
        assertThat(host("https://www.Example.com/path")).isEqualTo("example.com");
        assertThat(host("https://user:pass@host.example/")).isEqualTo("host.example");
        assertThat(host("http://" + h253 + "/")).isEqualTo(h253);
        assertThat(host("http://" + h254 + "/")).isNull();
        assertThat(host("place:sort=8")).isNull();
    }

    private String host(String url) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select fxhome_url_host(?)")) {
            ps.setString(1, url);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
