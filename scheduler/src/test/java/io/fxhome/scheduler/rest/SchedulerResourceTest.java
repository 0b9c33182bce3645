package io.fxhome.scheduler.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fxhome.account.testing.TestAccounts;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncTopology;
import io.fxhome.scheduler.testsupport.Lanes;
import io.quarkus.test.junit.QuarkusTest;

/** The operators' API, metrics and health, over real HTTP. */
@QuarkusTest
class SchedulerResourceTest {
    @Inject
    DataSource dataSource;
    @Inject
    SyncTopology topology;

    private TestAccounts accounts;
    private Lanes lanes;

    @BeforeEach
    void setUp() {
        Lanes.deleteAtExit(topology);
        accounts = new TestAccounts(dataSource);
        accounts.clear();
        lanes = new Lanes(topology);
        lanes.purge();
    }

    @AfterEach
    void tearDown() {
        lanes.purge();
        lanes.close();
        accounts.clear();
    }

    @Test
    void statusCountsAccountsByStateAndTheBacklog() {
        Instant now = Instant.now();
        Instant longAgo = now.minus(Duration.ofDays(5));
        accounts.insert("active", longAgo, now, now.minus(Duration.ofMinutes(10)), null, null);
        accounts.insert("active", longAgo, now, now.minus(Duration.ofMinutes(2)), null, null);
        accounts.insert("active", longAgo, now, now.plus(Duration.ofMinutes(10)), null, null);
        UUID operatorPaused = accounts.insert("active", longAgo, now, now.minus(Duration.ofHours(3)), null, null);
        accounts.insert("needs_reauth", longAgo, now, longAgo, null, null);
        accounts.insert("paused", longAgo, now, longAgo, null, null);
        accounts.insert("paused", longAgo, now, longAgo, null, null);
        accounts.insert("deleted", longAgo, now, longAgo, null, null);
        given().post("/api/scheduler/accounts/" + operatorPaused + "/pause").then().statusCode(204);

        given().get("/api/scheduler/status").then()
                .statusCode(200)
                .body("paused", equalTo(false))
                .body("accounts.active", equalTo(4))
                .body("accounts.needsReauth", equalTo(1))
                .body("accounts.paused", equalTo(2))
                .body("accounts.deleted", equalTo(1))
                .body("accounts.schedulePaused", equalTo(1))
                .body("accounts.due", equalTo(2))
                .body("accounts.oldestOverdueSeconds", allOf(greaterThanOrEqualTo(600), lessThan(660)))
                .body("brokerConnected", equalTo(true))
                .body("scheduledQueueDepth", equalTo(0))
                .body("instance", containsString("-"));
    }

    @Test
    void pauseAndResumeAllScheduling() {
        accounts.insertMany(20, Instant.now().minus(Duration.ofDays(1)), Instant.now(), Instant.now().minusSeconds(60));

        given().post("/api/scheduler/pause").then().statusCode(200).body("paused", equalTo(true)).body("pausedAt",
                containsString("T"));
        given().post("/api/scheduler/tick").then().statusCode(200).body("skippedBecausePaused", equalTo(true)).body("published",
                equalTo(0));
        assertThat(lanes.drainScheduled()).isEmpty();

        given().post("/api/scheduler/resume").then().statusCode(200).body("paused", equalTo(false));
        given().post("/api/scheduler/tick").then().statusCode(200).body("published", equalTo(20));
        assertThat(lanes.drainScheduled()).hasSize(20);
        given().get("/api/scheduler/status").then().body("lastTick.published", equalTo(20)).body("accounts.due", equalTo(0));
    }

    @Test
    void pauseAndResumeOneAccount() {
        UUID id = accounts.insert("active", Instant.now().minus(Duration.ofDays(1)), Instant.now(),
                Instant.now().minusSeconds(60), null, null);

        given().post("/api/scheduler/accounts/" + id + "/pause").then().statusCode(204);
        given().post("/api/scheduler/tick").then().statusCode(200).body("published", equalTo(0));

        given().post("/api/scheduler/accounts/" + id + "/resume").then().statusCode(204);
        given().post("/api/scheduler/tick").then().statusCode(200).body("published", equalTo(1));
        assertThat(lanes.drainScheduled()).extracting(SyncJob::accountId).containsExactly(id);

        given().post("/api/scheduler/accounts/" + UUID.randomUUID() + "/pause").then().statusCode(404);
        given().post("/api/scheduler/accounts/not-a-uuid/pause").then().statusCode(404);
    }

    @Test
    void operatorsCanEnqueueAnInteractiveSync() {
        UUID id = accounts.insert("active", Instant.now().minus(Duration.ofDays(1)), null, Instant.now().plusSeconds(600), null,
                null);

        given().post("/api/scheduler/accounts/" + id + "/sync").then().statusCode(200).body("result", equalTo("ENQUEUED"));
        given().post("/api/scheduler/accounts/" + id + "/sync").then().statusCode(200)
                .body("result", equalTo("RATE_LIMITED")).body("retryAt", containsString("T"));
        given().post("/api/scheduler/accounts/" + UUID.randomUUID() + "/sync").then().statusCode(404);

        assertThat(lanes.drainInteractive()).extracting(SyncJob::accountId).containsExactly(id);
    }

    @Test
    void metricsShowTheBacklogStatesAndPublishedJobs() {
        accounts.insertMany(7, Instant.now().minus(Duration.ofDays(1)), Instant.now(), Instant.now().minusSeconds(120));
        accounts.insert("needs_reauth", Instant.now(), null, null, null, null);

        String before = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(before).contains("fxhome_scheduler_accounts_due 7.0",
                "fxhome_scheduler_accounts{state=\"needs_reauth\"} 1.0",
                "fxhome_scheduler_accounts{state=\"active\"} 7.0");
        assertThat(before).containsPattern("fxhome_scheduler_oldest_overdue_seconds 1[2-9][0-9]\\.0");
        double publishedBefore = counter(before);

        given().post("/api/scheduler/tick").then().statusCode(200).body("published", equalTo(7));

        String after = given().get("/q/metrics").then().extract().asString();
        assertThat(counter(after)).isEqualTo(publishedBefore + 7);
        assertThat(after).contains("fxhome_scheduler_accounts_due 0.0", "fxhome_scheduler_tick_duration_seconds_count");
        lanes.drainScheduled();
    }

    @Test
    void readyWhenDatabaseAndBrokerAreUp() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("rabbitmq-publisher", "Database connections health check"))
                .body("checks.size()", greaterThanOrEqualTo(2));
    }

    private static double counter(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("fxhome_scheduler_jobs_published_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
