package io.fxhome.worker.tabs;

import static io.fxhome.worker.AccountRows.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.fxhome.worker.db.Transactions;
import io.quarkus.test.junit.QuarkusTest;

/** Each sync's tabs write adds a timeline snapshot for a device whose tabs changed, and nothing otherwise. */
@QuarkusTest
class TabTimelineWriteTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void aSnapshotIsKeptOnlyWhenADevicesTabsChange() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        Instant used = Instant.parse("2026-12-01T14:00:00Z");
        TabRow news = new TabRow("News", "https://news.example/", List.of("https://news.example/"), null, used, false, false);
        TabRow mail = new TabRow("Mail", "https://mail.example/", List.of(), "data:image/png;base64,AAAA", used, true, false);
        write(account, new DeviceTabsRow("laptop", "Laptop", new BigDecimal("1764597600.00"), List.of(news)),
                new DeviceTabsRow("phone", "Phone", new BigDecimal("1764597601.50"), List.of()));
        // Uploaded again, unchanged: nothing. Only the last-used time moved: nothing either.
        write(account, new DeviceTabsRow("laptop", "Laptop", new BigDecimal("1764597700.00"), List.of(news)),
                new DeviceTabsRow("phone", "Phone", new BigDecimal("1764597701.50"), List.of()));
        TabRow newsLater = new TabRow("News", "https://news.example/", List.of(), null, used.plusSeconds(600), false, false);
        write(account, new DeviceTabsRow("laptop", "Laptop", new BigDecimal("1764597800.00"), List.of(newsLater)));
        // A tab opened: a snapshot, at the record's server time.
        write(account, new DeviceTabsRow("laptop", "Laptop", new BigDecimal("1764597900.25"), List.of(mail, newsLater)));
        // Back to the first state: a change again (the timeline is a sequence, not a set).
        write(account, new DeviceTabsRow("laptop", "Laptop", new BigDecimal("1764598000.00"), List.of(news)));
        try (Connection c = ds.getConnection()) {
            assertThat(query(c, """
                    select client_id, taken_at at time zone 'UTC', client_name, tab_count,
                           jsonb_path_query_array(tabs, '$[*].url')::text
                      from tab_snapshot where account_id = ? order by client_id, taken_at""", account))
                    .containsExactly(
                            "laptop|2025-12-01 14:00:00|Laptop|1|[\"https://news.example/\"]",
                            "laptop|2025-12-01 14:05:00.25|Laptop|2|[\"https://mail.example/\", \"https://news.example/\"]",
                            "laptop|2025-12-01 14:06:40|Laptop|1|[\"https://news.example/\"]",
                            "phone|2025-12-01 14:00:01.5|Phone|0|[]");
            // The snapshot keeps what the timeline shows, never the icon.
            assertThat(query(c, """
                    select tabs->0->>'title', tabs->0->>'pinned', tabs->0->>'lastUsed', jsonb_exists(tabs->0, 'icon')
                      from tab_snapshot where account_id = ? and tab_count = 2""", account))
                    .containsExactly("Mail|true|2026-12-01T14:00:00Z|f");
            // The open tabs themselves are still replaced by each write.
            assertThat(query(c, "select client_id, url from tab where account_id = ? order by client_id, position", account))
                    .containsExactly("laptop|https://news.example/");
        }
    }

    private void write(UUID account, DeviceTabsRow... devices) {
        new Transactions(ds).inTransaction(c -> new TabsWriter(c).replaceAll(account, List.of(devices)));
    }
}
