package io.fxhome.web.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.search.QueryPlans;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A page of API tokens (first or following) is read through {@code api_token_created_idx} (account, created_at desc,
 * id desc), in its order, without a sort and without a sequential scan, on an analyzed table of a realistic size:
 * 300 accounts holding 50 tokens each (fxhome.web.tokens.max-per-account).
 */
@QuarkusTest
class ApiTokenPlanTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void aPageIsReadThroughTheAccountLedIndexWithoutSorting() throws Exception {
        List<UUID> accounts = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            accounts.add(TestData.newAccount(ds).account);
        }
        UUID mine = accounts.get(0);
        try (Connection c = ds.getConnection()) {
            TestData.exec(ds, """
                    insert into api_token (account_id, id, name, secret_hash, created_at)
                    select a, gen_random_uuid(), 'Token ' || t, sha256(gen_random_uuid()::text::bytea),
                           now() - t * interval '1 hour'
                      from unnest(?) a, generate_series(1, 50) t""", c.createArrayOf("uuid", accounts.toArray()));
        }
        TestData.exec(ds, "analyze api_token");
        Timestamp before = Timestamp.from(Instant.now().minusSeconds(20 * 3600));
        List<List<Object>> pages = List.of(List.of(ApiTokenStore.PAGE.formatted(""), mine, 21),
                List.of(ApiTokenStore.PAGE.formatted(ApiTokenStore.AFTER), mine, before, new UUID(0, 0), 21));
        try (Connection c = ds.getConnection()) {
            for (List<Object> page : pages) {
                String sql = (String) page.get(0);
                List<Object> params = page.subList(1, page.size());
                assertThat(QueryPlans.tableScans(c, sql, params)).as(sql).singleElement().asString()
                        .startsWith("Index Scan api_token_created_idx: ").contains("account_id = ");
                String plan = TestData.one(ds, "explain (format json) " + sql, params.toArray());
                assertThat(plan).as(plan).doesNotContain("\"Sort\"");
            }
        }
    }
}
