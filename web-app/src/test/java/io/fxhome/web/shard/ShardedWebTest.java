package io.fxhome.web.shard;

import static io.fxhome.shard.testing.ShardDatabases.database;
import static io.fxhome.shard.testing.ShardDatabases.perUserRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.shard.testing.TwoShards;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two PostgreSQL databases as two shards: sandbox users signing in are spread over both (least-loaded placement), each
 * one's answers come from its shard, its rows exist in that shard only, and the load balancer is told which one. The
 * databases are read here with connections of the test's own, not through the app's routing.
 */
@QuarkusTest
@TestProfile(TwoShards.class)
@WithTestResource(SandboxTestResource.class)
class ShardedWebTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    private static final AtomicLong SEEDS = new AtomicLong(9700);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String mainUrl;
    @ConfigProperty(name = TwoShards.SHARD2_JDBC_URL)
    String shard2Url;

    /** A signed-in user: its browser, account and shard as the sign-in answer told them. */
    private record User(String email, Browser browser, UUID account, String shard) {
    }

    @Test
    void usersSpreadOverBothShardsAndEachIsServedFromItsOwnOnly() throws Exception {
        Map<String, DataSource> db = databases();
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String expected = leastLoaded(db.get("main"));
            User user = signIn(newSandboxUser());
            assertThat(user.shard()).as("user %d goes to the shard with the fewest accounts", i).isEqualTo(expected);
            users.add(user);
        }
        assertThat(users).extracting(User::shard).contains("main", "shard2");

        for (User user : users) {
            DataSource own = db.get(user.shard());
            DataSource other = db.get(user.shard().equals("main") ? "shard2" : "main");
            // The directory (in main) lists the account on its shard; the other shard's copy of the table stays empty.
            assertThat(one(db.get("main"), "select shard from account_directory where account_id = ?", user.account()))
                    .isEqualTo(user.shard());
            assertThat(one(db.get("shard2"), "select count(*) from account_directory")).isEqualTo("0");

            // Rows as the worker would write them, on the user's shard only; each user's differ.
            String label = "u" + user.account().toString().substring(0, 8);
            new TestData.Existing(own, user.account()).data()
                    .device("dev-" + label, "Device of " + label, "desktop", NOW.getEpochSecond())
                    .tab("dev-" + label, 0, "Sharded tab " + label, "https://" + label + ".example/tab", NOW)
                    .folder("toolbar", "places", 0, "toolbar", List.of("bm-" + label))
                    .bookmark("bm-" + label, "toolbar", 0, "Sharded bookmark " + label,
                            "https://" + label + ".example/bookmark")
                    .place("pl-" + label, "https://" + label + ".example/page", "Sharded page " + label, 3,
                            NOW.minusSeconds(60));

            // Every answer is the user's own rows, read from its shard, and names the shard for the load balancer.
            Response tabs = user.browser().request().get("/api/v1/tabs");
            tabs.then().statusCode(200).header(ShardHeaders.HEADER, user.shard())
                    .body("devices.name", contains("Device of " + label))
                    .body("devices[0].tabs.url", contains("https://" + label + ".example/tab"));
            user.browser().request().get("/api/v1/devices").then().statusCode(200).body("devices.clientId",
                    contains("dev-" + label));
            user.browser().request().get("/api/v1/history").then().statusCode(200).body("items.guid", contains("pl-" + label));
            user.browser().request().get("/api/v1/bookmarks/toolbar").then().statusCode(200).body("children.guid",
                    contains("bm-" + label));
            user.browser().request().queryParam("q", "sharded").get("/api/v1/search").then().statusCode(200)
                    .body("results.url",
                            containsInAnyOrder("https://" + label + ".example/tab", "https://" + label + ".example/bookmark",
                                    "https://" + label + ".example/page"));
            user.browser().request().contentType(ContentType.JSON).header("X-CSRF-Token", user.browser().csrf)
                    .body(Map.of("query", "sharded", "url", "https://" + label + ".example/page")).post("/api/v1/search/picks")
                    .then().statusCode(204);
            user.browser().request().get("/api/v1/me").then().statusCode(200).body("account.email", equalTo(user.email()))
                    .header(ShardHeaders.HEADER, user.shard());
            user.browser().request().get("/api/v1/sync").then().statusCode(200).body("state", equalTo("queued"));

            // The first sync was requested on the account's own row (interactive_requested_at, on its shard).
            assertThat(one(own, "select interactive_requested_at is not null from account where id = ?", user.account()))
                    .isEqualTo("t");
            Map<String, Long> ownRows = perUserRows(own, user.account());
            assertThat(ownRows).containsKeys("account_secret", "web_session", "bookmark", "history_place", "history_visit",
                    "tab", "sync_run");
            assertThat(ownRows).as("rows on %s", user.shard()).containsEntry("account", 1L).containsEntry("account_secret", 1L)
                    .containsEntry("web_session", 1L).containsEntry("search_input_history", 1L).containsEntry("tab", 1L)
                    .containsEntry("device", 1L).containsEntry("bookmark", 2L).containsEntry("history_place", 1L)
                    .containsEntry("history_visit", 1L);
            assertThat(perUserRows(other, user.account())).as("the other shard holds nothing of %s", user.email())
                    .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        }
    }

    @Test
    void aReturningUserStaysOnItsShardAndDeletionEmptiesOnlyThatShard() throws Exception {
        Map<String, DataSource> db = databases();
        // Two users, so that one of them is on shard2 whatever the directory held before.
        User first = signIn(newSandboxUser());
        User second = signIn(newSandboxUser());
        User onShard2 = first.shard().equals("shard2") ? first : second;
        assertThat(onShard2.shard()).isEqualTo("shard2");
        // The routing cookie is set again only when the browser's differs.
        assertThat(first.browser().request().cookie(ShardHeaders.COOKIE, first.shard()).get("/api/v1/me")
                .getCookie(ShardHeaders.COOKIE))
                .isNull();
        assertThat(first.browser().request().get("/api/v1/me").getCookie(ShardHeaders.COOKIE)).isEqualTo(first.shard());

        // Signing in again (another browser): the same account on the same shard, found through the directory.
        User again = signIn(onShard2.email());
        assertThat(again.account()).isEqualTo(onShard2.account());
        assertThat(again.shard()).isEqualTo("shard2");
        assertThat(one(db.get("main"), "select count(*) from account_directory where account_id = ?", onShard2.account()))
                .isEqualTo("1");
        assertThat(perUserRows(db.get("shard2"), onShard2.account())).containsEntry("account", 1L).containsEntry("web_session",
                2L);
        assertThat(perUserRows(db.get("main"), onShard2.account()))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());

        // Signing out clears the routing cookie with the session.
        Response out = again.browser().request().cookie(ShardHeaders.COOKIE, "shard2")
                .header("X-CSRF-Token", again.browser().csrf)
                .delete("/api/v1/session");
        out.then().statusCode(204);
        assertThat(out.getHeaders().getValues("Set-Cookie"))
                .anySatisfy(h -> assertThat(h).startsWith(ShardHeaders.COOKIE + "=;"));

        // Unlink and delete: every row goes from its shard, and its line from the directory.
        onShard2.browser().request().header("X-CSRF-Token", onShard2.browser().csrf).delete("/api/v1/me").then().statusCode(200)
                .body("deleted", equalTo(true));
        assertThat(perUserRows(db.get("shard2"), onShard2.account()))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(one(db.get("main"), "select count(*) from account_directory where account_id = ?", onShard2.account()))
                .isEqualTo("0");
        onShard2.browser().request().get("/api/v1/me").then().statusCode(401);
    }

    private static String newSandboxUser() {
        String email = "shard-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox()
                .createAccount(NewAccount.of(email, "pw " + email).withVerification(VerificationMode.NONE)
                        .withProfile(ProfileSpec.small(SEEDS.getAndIncrement()).withSizes(3, 3, 1)));
        return email;
    }

    private static User signIn(String email) {
        Browser browser = new Browser();
        Response r = browser.signIn(email, "pw " + email);
        r.then().statusCode(200).body("status", equalTo("signed-in"));
        String shard = r.getHeader(ShardHeaders.HEADER);
        assertThat(shard).as("the sign-in answer names the shard").isIn("main", "shard2");
        String cookie = r.getHeaders().getValues("Set-Cookie").stream().filter(h -> h.startsWith(ShardHeaders.COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).startsWith(ShardHeaders.COOKIE + "=" + shard + ";").containsIgnoringCase("SameSite=Lax")
                .contains("Path=/");
        return new User(email, browser, UUID.fromString(r.jsonPath().getString("account.id")), shard);
    }

    /** What placement must choose now: the fewest accounts in the directory, ties by name. */
    private static String leastLoaded(DataSource main) throws SQLException {
        long onMain = Long.parseLong(one(main, "select count(*) from account_directory where shard = 'main'"));
        long onShard2 = Long.parseLong(one(main, "select count(*) from account_directory where shard = 'shard2'"));
        return onShard2 < onMain ? "shard2" : "main";
    }

    private Map<String, DataSource> databases() {
        Map<String, DataSource> db = new HashMap<>();
        db.put("main", database(mainUrl));
        db.put("shard2", database(shard2Url));
        return db;
    }

    static String one(DataSource ds, String sql, Object... args) throws SQLException {
        return TestData.one(ds, sql, args);
    }
}
