package io.fxhome.web.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.web.testsupport.Browser;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * One database (no shards configured), as every install before sharding: sign-ins keep the directory in step with the
 * accounts, including an account a process older than the directory linked during an upgrade, and send no shard hint.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class DirectoryUpgradeTest {
    static {
        JobQueueCleanup.deleteAtExit("fxhome.test.web");
    }

    @Inject
    AgroalDataSource ds;

    @Test
    void anAccountLinkedWithoutADirectoryLineKeepsItsIdAndGetsItsLine() throws Exception {
        String email = "legacy-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox().createAccount(NewAccount.of(email, "pw").withVerification(VerificationMode.NONE)
                .withProfile(ProfileSpec.small(77).withSizes(3, 3, 1)));
        String uid = SandboxTestResource.server().sandbox().account(email).orElseThrow().uid();
        UUID legacy = UUID.randomUUID();
        TestData.exec(ds, "insert into account (id, fxa_uid, email, status) values (?, ?, ?, 'needs_reauth')", legacy, uid,
                email);

        Browser browser = new Browser();
        Response r = browser.signIn(email, "pw");
        r.then().statusCode(200).body("account.id", equalTo(legacy.toString())).body("account.status", equalTo("active"));
        assertThat(r.getHeader(ShardHeaders.HEADER)).as("no shard hint without shards").isNull();
        assertThat(r.getHeaders().getValues("Set-Cookie")).noneMatch(h -> h.startsWith(ShardHeaders.COOKIE + "="));
        assertThat(TestData.one(ds, "select account_id || ' ' || shard from account_directory where fxa_uid = ?", uid))
                .isEqualTo(legacy + " main");

        // Signing in again finds it through the directory at once.
        new Browser().signIn(email, "pw").then().statusCode(200).body("account.id", equalTo(legacy.toString()));
        assertThat(TestData.one(ds, "select count(*) from account where fxa_uid = ?", uid)).isEqualTo("1");
    }

    @Test
    void aNewAccountIsListedOnTheOnlyShard() throws Exception {
        String email = "listed-" + UUID.randomUUID() + "@example.test";
        SandboxTestResource.server().sandbox().createAccount(NewAccount.of(email, "pw").withVerification(VerificationMode.NONE)
                .withProfile(ProfileSpec.small(78).withSizes(3, 3, 1)));
        Response r = new Browser().signIn(email, "pw");
        r.then().statusCode(200);
        String id = r.jsonPath().getString("account.id");
        assertThat(TestData.one(ds, "select shard from account_directory where account_id = ?::uuid", id)).isEqualTo("main");
    }
}
