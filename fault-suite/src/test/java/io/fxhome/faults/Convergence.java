package io.fxhome.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

import io.fxhome.worker.AccountRows;
import io.fxhome.worker.e2e.MirrorAssertions;

/**
 * What must hold once the system has got over a fault: every account synced after it and equal to the sandbox's truth,
 * no row twice, no job left in any queue (nor dead-lettered), no account lease held.
 */
final class Convergence {
    /** Each table's rows as the oracle compares them: the same content twice would be a duplicated row. */
    private static final List<String> ROWS = List.of(
            "select guid, parent_guid, kind, title, url from bookmark where account_id = ?",
            "select guid, url, title from history_place where account_id = ?",
            "select place_guid, visited_at, transition from history_visit where account_id = ?",
            "select client_id, name from device where account_id = ?",
            "select client_id, position, url from tab where account_id = ?");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Convergence() {
    }

    /**
     * Pauses the scheduler's ticks (so that the queues can drain), waits for all of it, and resumes the ticks.
     *
     * @param recovered when the fault was over: every account must have a completed run started after it
     */
    static void awaitConverged(SystemUnderFaults system, List<WebUser> users, Instant recovered, Duration timeout)
            throws Exception {
        post(system, "/api/scheduler/pause");
        try {
            for (WebUser user : users) {
                try {
                    await("a completed sync of " + user + " started after the fault").atMost(timeout)
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> completedRunsSince(system, user, recovered) > 0);
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError(e.getMessage() + "; the fault was over at " + recovered
                            + "; the account's runs: " + runs(system, user), e);
                }
                await(user + " equal to the sandbox's truth").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> MirrorAssertions.assertMirrors(system.db, user.accountId(),
                                system.sandbox.sandbox().truth(user.email)));
            }
            await("every queue empty (nothing dead-lettered) and no account lease held").atMost(timeout)
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        Map<String, Long> queued = system.queuedJobs();
                        report("queued " + queued + ", leases " + system.leasesHeld());
                        assertThat(queued).isNotEmpty();
                        assertThat(queued).allSatisfy((queue, messages) -> assertThat(messages).as(queue).isZero());
                        assertThat(system.leasesHeld()).isZero();
                    });
            for (WebUser user : users) {
                MirrorAssertions.assertMirrors(system.db, user.accountId(), system.sandbox.sandbox().truth(user.email));
                assertNoDuplicateRows(system, user);
            }
        } finally {
            post(system, "/api/scheduler/resume");
        }
    }

    /** What a wait sees, in the test's output each time it changes: where the time went when a wait is long. */
    private static String lastReport = "";

    private static void report(String state) {
        if (!state.equals(lastReport)) {
            lastReport = state;
            System.out.println(Instant.now() + " " + state);
        }
    }

    private static void assertNoDuplicateRows(SystemUnderFaults system, WebUser user) throws Exception {
        try (var c = system.db.getConnection()) {
            for (String sql : ROWS) {
                List<String> rows = AccountRows.query(c, sql, user.accountId());
                assertThat(new HashSet<>(rows)).as("distinct rows of " + sql + " for " + user).hasSize(rows.size());
            }
        }
    }

    /** The account's runs, for the failure message of a wait that did not see the one it needed. */
    private static List<String> runs(SystemUnderFaults system, WebUser user) throws Exception {
        try (var c = system.db.getConnection()) {
            return AccountRows.query(c, "select started_at, finished_at, reason, attempt, outcome, error from sync_run"
                    + " where account_id = ? order by started_at", user.accountId());
        }
    }

    private static long completedRunsSince(SystemUnderFaults system, WebUser user, Instant since) throws Exception {
        try (var c = system.db.getConnection();
                var ps = c.prepareStatement(
                        "select count(*) from sync_run where account_id = ? and started_at > ? and outcome = 'done'")) {
            ps.setObject(1, user.accountId());
            ps.setTimestamp(2, Timestamp.from(since));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void post(SystemUnderFaults system, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + system.scheduler.port() + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(200);
    }
}
