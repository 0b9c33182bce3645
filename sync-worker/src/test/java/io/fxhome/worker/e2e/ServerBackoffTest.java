package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A server's backoff holds for every account behind it: three accounts on the sandbox's first storage node and one on
 * its second, each synced once; then a server asks for a backoff while syncing one of them. The accounts behind it are
 * deferred without a single request (the sandbox counts them) and without counting a failure, spread out after the
 * backoff; the others sync as usual.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class ServerBackoffTest extends SandboxSyncTestBase {
    /** worker's fxhome.worker.server-backoff-spread default */
    private static final Duration SPREAD = Duration.ofMinutes(5);

    private record Linked(String email, UUID account) {
    }

    private final List<String> emails = new ArrayList<>();

    @AfterEach
    void clearFaults() {
        emails.forEach(sandbox()::clearFaults);
    }

    /** Three accounts on node 1 and one on node 2, each synced once: the worker knows their nodes. */
    private List<Linked> fourAccountsOnTwoNodes(String label) throws Exception {
        List<Linked> linked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String email = label + i + "-" + UUID.randomUUID() + "@example.test";
            sandbox().createAccount(NewAccount.of(email, "pw").withProfile(ProfileSpec.small(nextSeed()).withSizes(5, 10, 1)));
            emails.add(email);
            if (i == 3) {
                sandbox().reassignNode(email, true);
            }
            linked.add(new Linked(email, LinkedAccounts.link(ds, cipher, email, "pw")));
        }
        for (Linked a : linked) {
            syncAndAwait(a.account(), SyncReason.FIRST_LINK, 1);
            assertThat(lastOutcome(a)).isEqualTo("done");
        }
        assertThat(endpoint(linked.get(3))).contains("/node2/1.5/");
        assertThat(endpoint(linked.get(0))).doesNotContain("/node2/");
        return linked;
    }

    @Test
    void aStorageNodes503DefersEveryAccountOnThatNodeWithoutCallingIt() throws Exception {
        List<Linked> a = fourAccountsOnTwoNodes("node-503-");
        sandbox().storageUnavailable(a.get(0).email(), 1, 600);
        Instant before = Instant.now();
        syncAndAwait(a.get(0).account(), SyncReason.SCHEDULED, 2);
        assertThat(lastOutcome(a.get(0))).isEqualTo("backed_off");

        Backoff node = backoff("storage_node");
        assertThat(node.server()).isEqualTo(SandboxTestResource.server().baseUrl().replaceFirst("/$", ""));
        assertThat(node.hard()).isTrue();
        assertThat(node.until()).isBetween(before.plusSeconds(599), Instant.now().plusSeconds(601));

        assertDeferredWithoutACall(a.get(1), node.until());
        assertDeferredWithoutACall(a.get(2), node.until());
        assertSyncsAsUsual(a.get(3));
    }

    @Test
    void aStorageNodesXWeaveBackoffDefersTheOthersOnItAfterTheSyncThatSawItFinished() throws Exception {
        List<Linked> a = fourAccountsOnTwoNodes("node-soft-");
        sandbox().backoff(a.get(0).email(), 1, 900);
        sandbox().upsertRecord(a.get(0).email(), "bookmarks",
                sandbox().truth(a.get(0).email()).collection("bookmarks").cleartext("toolbar"));
        syncAndAwait(a.get(0).account(), SyncReason.SCHEDULED, 2);
        assertThat(lastOutcome(a.get(0))).isEqualTo("done");
        assertMirrors(a.get(0).account(), sandbox().truth(a.get(0).email()));

        Backoff node = backoff("storage_node");
        assertThat(node.server()).isEqualTo(SandboxTestResource.server().baseUrl().replaceFirst("/$", ""));
        assertThat(node.hard()).isFalse();
        assertThat(node.until()).isAfter(Instant.now().plusSeconds(800));
        assertDeferredWithoutACall(a.get(1), node.until());
        assertDeferredWithoutACall(a.get(2), node.until());
        assertSyncsAsUsual(a.get(3));
    }

    @Test
    void theTokenservers503WithXBackoffDefersEveryAccountOnEveryNode() throws Exception {
        List<Linked> a = fourAccountsOnTwoNodes("tokenserver-");
        // Its tokens stop working, so the next sync asks the tokenserver, which sheds load: 503, Retry-After 120 and
        // X-Backoff 300. The longer one holds.
        sandbox().expireTokens(a.get(0).email());
        sandbox().tokenserverUnavailable(a.get(0).email(), 1, 120);
        sandbox().tokenserverBackoff(a.get(0).email(), 1, 300);
        Instant before = Instant.now();
        syncAndAwait(a.get(0).account(), SyncReason.SCHEDULED, 2);
        assertThat(lastOutcome(a.get(0))).isEqualTo("backed_off");

        Backoff tokenserver = backoff("tokenserver");
        assertThat(tokenserver.server()).startsWith(SandboxTestResource.server().baseUrl().replaceFirst("/$", ""));
        assertThat(tokenserver.hard()).isTrue();
        assertThat(tokenserver.until()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(301));
        for (Linked other : a.subList(1, 4)) {
            assertDeferredWithoutACall(other, tokenserver.until());
        }
    }

    @Test
    void aBackoffAnotherProcessRecordedHoldsHereAndEndsWhenItEnds() throws Exception {
        List<Linked> a = fourAccountsOnTwoNodes("elsewhere-");
        String node2 = endpoint(a.get(3)).replaceFirst("/1\\.5/[^/]+$", "");
        Instant until = Instant.now().plusSeconds(120);
        execute("insert into upstream_backoff (kind, server, backoff_until, hard, reason) values ('storage_node', '"
                + node2 + "', now() + interval '120 seconds', true, 'another worker saw a 503')");
        serverBackoffs.refreshNow();
        assertThat(node2).endsWith("/node2");
        assertDeferredWithoutACall(a.get(3), until);
        assertSyncsAsUsual(a.get(0));

        // Ended (and the account's own "not before" with it): the account syncs again.
        execute("update upstream_backoff set backoff_until = now() - interval '1 second'");
        execute("update account set backoff_until = null where id = '" + a.get(3).account() + "'");
        serverBackoffs.refreshNow();
        int calls = sandbox().upstreamCalls(a.get(3).email());
        syncAndAwait(a.get(3).account(), SyncReason.SCHEDULED, 3);
        assertThat(lastOutcome(a.get(3))).isEqualTo("done");
        assertThat(sandbox().upstreamCalls(a.get(3).email())).isGreaterThan(calls);
    }

    /** A job for the account ends backed off, with no request upstream, no failure, and a "not before" spread out. */
    private void assertDeferredWithoutACall(Linked account, Instant serverUntil) throws Exception {
        int calls = sandbox().upstreamCalls(account.email());
        int runs = runs(account);
        syncAndAwait(account.account(), SyncReason.SCHEDULED, runs + 1);
        assertThat(lastOutcome(account)).as(account.email()).isEqualTo("backed_off");
        assertThat(sandbox().upstreamCalls(account.email())).as("requests of " + account.email()).isEqualTo(calls);
        assertThat(rows("select failure_count from account where id = ?", account.account())).containsExactly("0");
        Instant notBefore = Instant.parse(rows("select to_char(backoff_until at time zone 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from account where id = ?", account.account()).get(0));
        assertThat(notBefore).isBetween(serverUntil.minusSeconds(2), serverUntil.plus(SPREAD).plusSeconds(2));
    }

    private void assertSyncsAsUsual(Linked account) throws Exception {
        int calls = sandbox().upstreamCalls(account.email());
        syncAndAwait(account.account(), SyncReason.SCHEDULED, runs(account) + 1);
        assertThat(lastOutcome(account)).as(account.email()).isEqualTo("done");
        assertThat(sandbox().upstreamCalls(account.email())).as("requests of " + account.email()).isGreaterThan(calls);
    }

    private record Backoff(String server, Instant until, boolean hard) {
    }

    private Backoff backoff(String kind) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select server, backoff_until, hard from upstream_backoff where kind = ?")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a " + kind + " backoff is recorded").isTrue();
                Backoff b = new Backoff(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getBoolean(3));
                assertThat(rs.next()).as("one " + kind + " backoff").isFalse();
                return b;
            }
        }
    }

    private String lastOutcome(Linked a) throws Exception {
        return rows("select outcome from sync_run where account_id = ? order by started_at desc limit 1", a.account())
                .get(0);
    }

    private int runs(Linked a) throws Exception {
        return Integer.parseInt(rows("select count(*) from sync_run where account_id = ?", a.account()).get(0));
    }

    private String endpoint(Linked a) throws Exception {
        return rows("select api_endpoint from sync_state where account_id = ?", a.account()).get(0);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
