package io.fxhome.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.generator.HostileContent;
import io.fxhome.web.session.SessionStore;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.PythonCsv;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The inbox exports re-read by parsers of their formats (the CSV by Python's csv module, the JSON by Jackson): every
 * received tab of the account and none of another's, oldest first, hostile titles and URLs exactly as received (the
 * CSV's formula-looking cells with their protective apostrophe), never a link for a script or data URL.
 */
@QuarkusTest
class InboxExportTest {
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String CRLF_TITLE = HostileContent.QUOTES_AND_NEWLINES + "\r\n-1+1, \"quoted\" ";

    @Inject
    AgroalDataSource ds;
    @Inject
    SessionStore sessions;

    private void add(TestData data, int index, String url, String title, String sender, String sentAt, boolean read)
            throws Exception {
        TestData.exec(ds, """
                insert into inbox (account_id, device_id, command_index, url, title, sender_name, sent_at, read_at)
                values (?, 'fxhome-dev', ?, ?, ?, ?, ?::timestamptz, case when ? then ?::timestamptz end)""",
                data.account, (long) index, url, title, sender, sentAt, read, sentAt);
    }

    private Browser accountWithHostileInbox() throws Exception {
        TestData alice = TestData.newAccount(ds);
        add(alice, 1, "https://sheet.example/?q=a,b", FORMULA, "@laptop", "2026-11-10T08:00:00Z", true);
        add(alice, 2, "https://lines.example/\"quoted\"", CRLF_TITLE, HostileContent.ATTRIBUTE_BREAKOUT,
                "2026-11-10T09:00:00Z", false);
        add(alice, 3, HostileContent.JAVASCRIPT_URL, HostileContent.SCRIPT_TITLE, null, "2026-11-10T10:00:00Z", false);
        add(alice, 4, HostileContent.DATA_URL, HostileContent.NON_BMP_TITLE, "Phone", "2026-11-10T11:00:00Z", false);
        add(alice, 5, "https://rtl.example/", HostileContent.RTL_TITLE, "Phone", "2026-11-10T12:00:00Z", false);
        TestData bob = TestData.newAccount(ds);
        add(bob, 1, "https://bob.example/", "Bob's", "Bob's laptop", "2026-11-10T08:30:00Z", false);
        return Browser.signedIn(sessions.create(alice.account, "test", Instant.now()));
    }

    @Test
    void csvReadBackByPythonsCsvModuleHoldsEveryTabWithHostileTextIntact() throws Exception {
        Browser alice = accountWithHostileInbox();
        Response csv = alice.request().get("/api/v1/export/inbox.csv");
        csv.then().statusCode(200).contentType("text/csv").header("Content-Disposition",
                "attachment; filename=\"fxhome-inbox.csv\"").header("Cache-Control", "private, no-store");
        List<List<String>> rows = PythonCsv.rows(csv.asByteArray());
        assertThat(rows).containsExactly(List.of("sentAt", "url", "title", "senderName", "readAt"),
                List.of("2026-11-10T08:00:00Z", "https://sheet.example/?q=a,b", "'" + FORMULA, "'@laptop",
                        "2026-11-10T08:00:00Z"),
                List.of("2026-11-10T09:00:00Z", "https://lines.example/\"quoted\"", CRLF_TITLE,
                        HostileContent.ATTRIBUTE_BREAKOUT, ""),
                List.of("2026-11-10T10:00:00Z", HostileContent.JAVASCRIPT_URL, HostileContent.SCRIPT_TITLE, "", ""),
                List.of("2026-11-10T11:00:00Z", HostileContent.DATA_URL, HostileContent.NON_BMP_TITLE, "Phone", ""),
                List.of("2026-11-10T12:00:00Z", "https://rtl.example/", HostileContent.RTL_TITLE, "Phone", ""));
    }

    @Test
    void jsonReadBackByJacksonHoldsEveryValueExactly() throws Exception {
        Browser alice = accountWithHostileInbox();
        Response json = alice.request().get("/api/v1/export/inbox.json");
        json.then().statusCode(200).contentType("application/json").header("Content-Disposition",
                "attachment; filename=\"fxhome-inbox.json\"");
        JsonNode tabs = new ObjectMapper().readTree(json.asByteArray()).get("tabs");
        assertThat(tabs).hasSize(5);
        assertThat(tabs.get(0).get("title").asText()).isEqualTo(FORMULA);
        assertThat(tabs.get(0).get("senderName").asText()).isEqualTo("@laptop");
        assertThat(tabs.get(0).get("readAt").asText()).isEqualTo("2026-11-10T08:00:00Z");
        assertThat(tabs.get(0).get("linkable").asBoolean()).isTrue();
        assertThat(tabs.get(1).get("title").asText()).isEqualTo(CRLF_TITLE);
        assertThat(tabs.get(1).get("senderName").asText()).isEqualTo(HostileContent.ATTRIBUTE_BREAKOUT);
        assertThat(tabs.get(1).get("readAt").isNull()).isTrue();
        assertThat(tabs.get(2).get("url").asText()).isEqualTo(HostileContent.JAVASCRIPT_URL);
        assertThat(tabs.get(2).get("linkable").asBoolean()).isFalse();
        assertThat(tabs.get(2).get("senderName").isNull()).isTrue();
        assertThat(tabs.get(3).get("url").asText()).isEqualTo(HostileContent.DATA_URL);
        assertThat(tabs.get(3).get("linkable").asBoolean()).isFalse();
        assertThat(tabs.get(3).get("title").asText()).isEqualTo(HostileContent.NON_BMP_TITLE);
        assertThat(tabs.get(4).get("title").asText()).isEqualTo(HostileContent.RTL_TITLE);
        assertThat(tabs.get(4).get("sentAt").asText()).isEqualTo("2026-11-10T12:00:00Z");
    }

    @Test
    void signedOutGetsNothing() {
        new Browser().request().get("/api/v1/export/inbox.json").then().statusCode(401);
        new Browser().request().get("/api/v1/export/inbox.csv").then().statusCode(401);
    }
}
