package io.fxhome.worker.e2e;

import static io.fxhome.worker.AccountRows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import io.fxhome.sandbox.generator.CleartextTruth;

/** Checks a mirrored account against the sandbox's cleartext truth; shared by in-process and process-level tests. */
public final class MirrorAssertions {
    private MirrorAssertions() {
    }

    public static void assertMirrors(DataSource ds, UUID account, CleartextTruth truth) throws SQLException {
        assertThat(set(ds, "select guid, parent_guid, kind, title, url from bookmark where account_id = ?", account))
                .isEqualTo(MirrorExpectations.bookmarks(truth.collection("bookmarks")));
        assertThat(set(ds, "select guid, url, title from history_place where account_id = ?", account))
                .isEqualTo(MirrorExpectations.places(truth.collection("history")));
        // History is an archive: every visit the server ever showed is kept, so the mirror holds at least the truth.
        assertThat(set(ds, "select place_guid, visited_at, transition from history_visit where account_id = ?", account))
                .containsAll(MirrorExpectations.visits(truth.collection("history")));
        assertThat(set(ds, "select client_id, name from device where account_id = ?", account))
                .isEqualTo(MirrorExpectations.devices(truth.collection("clients")));
        assertThat(set(ds, "select client_id, position, url from tab where account_id = ?", account))
                .isEqualTo(MirrorExpectations.tabs(truth.collection("tabs")));
        // Every folder's children are positioned in the order the folder lists them.
        assertThat(rows(ds, """
                select count(*) from bookmark f cross join lateral unnest(f.children) with ordinality c(guid, idx)
                  join bookmark b on b.account_id = f.account_id and b.guid = c.guid and b.parent_guid = f.guid
                 where f.account_id = ? and b.position is distinct from c.idx - 1""", account)).containsExactly("0");
    }

    static Set<String> set(DataSource ds, String sql, UUID account) throws SQLException {
        return new TreeSet<>(rows(ds, sql, account));
    }

    public static List<String> rows(DataSource ds, String sql, UUID account) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return query(c, sql, account);
        }
    }

    /** Waits until the worker recorded the account's n-th run. */
    public static void awaitRuns(DataSource ds, UUID account, int runs, Duration timeout) {
        await("account " + account + " completing " + runs + " sync run(s)").atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Integer
                        .parseInt(rows(ds, "select count(*) from sync_run where account_id = ?", account).get(0)) >= runs);
    }
}
