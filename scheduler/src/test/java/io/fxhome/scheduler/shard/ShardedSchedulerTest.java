package io.fxhome.scheduler.shard;

import static io.fxhome.shard.testing.ShardDatabases.database;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fxhome.account.testing.TestAccounts;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncTopology;
import io.fxhome.scheduler.testsupport.Lanes;
import io.fxhome.shard.testing.TwoShards;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A tick over two shards, through the operators' API: due accounts of both get their jobs and their next due time in
 * their own shard; the counts, the fleet-wide pause and one account's pause work across shards.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
class ShardedSchedulerTest {
    @Inject
    DataSource dataSource;
    @Inject
    SyncTopology topology;
    @ConfigProperty(name = TwoShards.SHARD2_JDBC_URL)
    String shard2Url;

    private DataSource shard2;
    private TestAccounts onMain;
    private TestAccounts onShard2;
    private Lanes lanes;

    @BeforeEach
    void setUp() {
        Lanes.deleteAtExit(topology);
        shard2 = database(shard2Url);
        onMain = new TestAccounts(dataSource);
        onShard2 = new TestAccounts(shard2);
        onMain.clear();
        onShard2.clear();
        onMain.update("delete from account_directory");
        lanes = new Lanes(topology);
        lanes.purge();
    }

    @AfterEach
    void tearDown() {
        lanes.purge();
        lanes.close();
        onMain.clear();
        onShard2.clear();
        onMain.update("delete from account_directory");
    }

    @Test
    void dueAccountsOfBothShardsGetTheirJobsAndTheirNextDueTimeInTheirShard() throws Exception {
        Instant now = Instant.now();
        Instant longAgo = now.minus(Duration.ofDays(10));
        Instant recent = now.minus(Duration.ofHours(1));
        UUID dueOnMain = onMain.insert("active", longAgo, recent, now.minus(Duration.ofMinutes(5)), null, null);
        UUID dueOnShard2 = onShard2.insert("active", longAgo, recent, now.minus(Duration.ofMinutes(3)), null, null);
        UUID laterOnShard2 = onShard2.insert("active", longAgo, recent, now.plus(Duration.ofHours(1)), null, null);
        UUID newOnShard2 = onShard2.insert("active", longAgo, recent, null, null, null);
        for (UUID id : new UUID[] { dueOnShard2, laterOnShard2, newOnShard2 }) {
            list(id, "shard2");
        }
        list(dueOnMain, "main");

        Instant laterDue = onShard2.nextSyncAt(laterOnShard2);
        given().get("/api/scheduler/status").then().statusCode(200)
                .body("accounts.active", equalTo(4)).body("accounts.due", equalTo(2));

        given().post("/api/scheduler/tick").then().statusCode(200)
                .body("published", equalTo(2)).body("firstScheduled", equalTo(1)).body("error", nullValue());
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactlyInAnyOrder(dueOnMain, dueOnShard2);
        assertThat(onMain.nextSyncAt(dueOnMain)).isAfter(now);
        assertThat(onShard2.nextSyncAt(dueOnShard2)).isAfter(now);
        assertThat(onShard2.nextSyncAt(laterOnShard2)).isEqualTo(laterDue);
        assertThat(onShard2.nextSyncAt(newOnShard2)).as("a just-linked account of shard2 gets its first due time").isNotNull();
        // The tick is recorded once, in the control database; shard2's copy of the row is never written.
        assertThat(one(dataSource, "select last_tick_published from scheduler_control")).isEqualTo("2");
        assertThat(one(shard2, "select last_tick_instance from scheduler_control")).isNull();

        // An operator pauses one account of shard2: its row there says so, and it is not due any more.
        given().post("/api/scheduler/accounts/" + dueOnShard2 + "/pause").then().statusCode(204);
        assertThat(one(shard2, "select schedule_paused from account where id = '" + dueOnShard2 + "'")).isEqualTo("t");
        given().post("/api/scheduler/accounts/" + UUID.randomUUID() + "/pause").then().statusCode(404);
        onShard2.update("update account set next_sync_at = now() - interval '1 minute'");
        given().post("/api/scheduler/tick").then().statusCode(200).body("published", equalTo(2));
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactlyInAnyOrder(laterOnShard2, newOnShard2);

        // The fleet-wide pause (in main) stops the ticks of every shard.
        given().post("/api/scheduler/pause").then().statusCode(200);
        onShard2.update("update account set next_sync_at = now() - interval '1 minute'");
        given().post("/api/scheduler/tick").then().statusCode(200).body("published", equalTo(0));
        given().post("/api/scheduler/resume").then().statusCode(200);
        given().post("/api/scheduler/tick").then().statusCode(200).body("published", equalTo(2));
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactlyInAnyOrder(laterOnShard2, newOnShard2);
    }

    /** The account's line in the directory (in main), as the web app writes it when the account is linked. */
    private void list(UUID account, String shard) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("insert into account_directory (account_id, fxa_uid, shard) values (?, ?, ?)")) {
            ps.setObject(1, account);
            ps.setString(2, "uid-" + account);
            ps.setString(3, shard);
            ps.executeUpdate();
        }
    }

    private static String one(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
