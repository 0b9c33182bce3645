package io.fxhome.worker.e2e;

import static io.fxhome.shard.testing.ShardDatabases.database;
import static io.fxhome.shard.testing.ShardDatabases.perUserRows;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.shard.testing.TwoShards;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Accounts on two shards, synced by the same worker from jobs that carry only the account id: each account's mirror
 * is written to its own shard, equals the sandbox's truth there, and no row of it reaches the other shard. The
 * databases are read with connections of the test's own.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
@WithTestResource(SandboxTestResource.class)
class ShardedSyncTest extends SandboxSyncTestBase {
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String mainUrl;
    @ConfigProperty(name = TwoShards.SHARD2_JDBC_URL)
    String shard2Url;

    private record Placed(String email, UUID account, String shard) {
    }

    @Test
    void eachAccountIsSyncedIntoItsOwnShardOnly() throws Exception {
        Map<String, DataSource> db = Map.of("main", database(mainUrl), "shard2", database(shard2Url));
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String shard = i % 2 == 0 ? "main" : "shard2";
            String email = "sharded-" + i + "-" + UUID.randomUUID() + "@example.test";
            String password = "pw " + email;
            sandbox().createAccount(NewAccount.of(email, password).withProfile(ProfileSpec.small(nextSeed())));
            // As the web app links a user: the account's rows on its shard, its line in the directory (in main).
            UUID account = LinkedAccounts.link(db.get(shard), cipher, SandboxTestResource.server().baseUrl(), email, password);
            exec(db.get("main"), "insert into account_directory (account_id, fxa_uid, shard) values (?, ?, ?)", account,
                    query(db.get(shard), "select fxa_uid from account where id = ?", account).get(0), shard);
            placed.add(new Placed(email, account, shard));
        }

        for (Placed p : placed) {
            publisher.publish(SyncJob.of(p.account(), SyncReason.FIRST_LINK, Instant.now()));
        }
        for (Placed p : placed) {
            DataSource own = db.get(p.shard());
            DataSource other = db.get(p.shard().equals("main") ? "shard2" : "main");
            MirrorAssertions.awaitRuns(own, p.account(), 1, Duration.ofSeconds(90));
            MirrorAssertions.assertMirrors(own, p.account(), sandbox().truth(p.email()));
            assertThat(query(own, "select outcome from sync_run where account_id = ?", p.account())).containsExactly("done");
            assertThat(query(own, "select last_sync_at is not null from account where id = ?", p.account()))
                    .containsExactly("t");
            assertThat(perUserRows(own, p.account())).as("%s on %s", p.email(), p.shard())
                    .containsKeys("account_secret", "bookmark", "history_place", "history_visit", "device", "tab", "sync_run")
                    .containsEntry("account", 1L).containsEntry("sync_run", 1L).containsEntry("sync_state", 1L)
                    .hasEntrySatisfying("history_place", n -> assertThat(n).isPositive())
                    .hasEntrySatisfying("bookmark", n -> assertThat(n).isPositive());
            assertThat(perUserRows(other, p.account())).as("nothing of %s outside %s", p.email(), p.shard())
                    .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        }
        // Only the directory knows every account, and only main's copy of it holds lines.
        assertThat(
                query(db.get("main"), "select count(*) from account_directory where account_id = ?", placed.get(1).account()))
                .containsExactly("1");
        assertThat(
                query(db.get("shard2"), "select count(*) from account_directory where account_id = ?", placed.get(1).account()))
                .containsExactly("0");
    }

    private static List<String> query(DataSource ds, String sql, UUID account) throws SQLException {
        return MirrorAssertions.rows(ds, sql, account);
    }

    private static void exec(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
