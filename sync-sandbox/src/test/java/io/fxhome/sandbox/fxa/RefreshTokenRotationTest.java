package io.fxhome.sandbox.fxa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/**
 * Production's refresh-token grant never returns a new refresh token; the RFC 8693 token-exchange grant does, and
 * revokes the old one (lib/routes/oauth/token.js). The sandbox lets tests choose which clients and scopes may do it.
 */
class RefreshTokenRotationTest extends SandboxTestBase {
    private static final String RELAY = "https://identity.mozilla.com/apps/relay";

    private static String exchange(String refresh, String scope) {
        return "{\"grant_type\":\"urn:ietf:params:oauth:grant-type:token-exchange\",\"subject_token\":\"" + refresh
                + "\",\"subject_token_type\":\"urn:ietf:params:oauth:token-type:refresh_token\",\"scope\":\"" + scope
                + "\"}";
    }

    @Test
    void tokenExchangeRotatesTheRefreshToken() throws Exception {
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024)
                .withTokenExchange(List.of(SyncTestClient.CLIENT_ID), List.of(RELAY)))) {
            SyncTestClient c = new SyncTestClient(s.baseUrl());
            String email = newEmail();
            s.sandbox().createAccount(NewAccount.of(email, PASSWORD));
            SyncTestClient.Linked linked = c.link(email, PASSWORD);

            Resp refreshed = c.postJson("/v1/oauth/token", "{\"grant_type\":\"refresh_token\",\"client_id\":\""
                    + SyncTestClient.CLIENT_ID + "\",\"refresh_token\":\"" + linked.refreshToken() + "\"}");
            assertThat(refreshed.json().has("refresh_token")).as("the refresh grant never rotates").isFalse();

            Resp rotated = c.postJson("/v1/oauth/token", exchange(linked.refreshToken(), RELAY));
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            String next = rotated.json().get("refresh_token").asText();
            assertThat(next).matches("[0-9a-f]{64}").isNotEqualTo(linked.refreshToken());
            assertThat(rotated.json().get("scope").asText().split(" ")).containsExactlyInAnyOrder(
                    SyncTestClient.OLDSYNC, RELAY);
            assertThat(rotated.json().fieldNames()).toIterable().containsExactlyInAnyOrder("access_token",
                    "refresh_token", "scope", "token_type", "expires_in");

            Resp old = c.postJson("/v1/oauth/token", "{\"grant_type\":\"refresh_token\",\"client_id\":\""
                    + SyncTestClient.CLIENT_ID + "\",\"refresh_token\":\"" + linked.refreshToken() + "\"}");
            assertThat(old.status()).as("the original is revoked").isEqualTo(401);
            assertThat(old.json().get("errno").asInt()).isEqualTo(110);
            Resp fresh = c.postJson("/v1/oauth/token", "{\"grant_type\":\"refresh_token\",\"client_id\":\""
                    + SyncTestClient.CLIENT_ID + "\",\"refresh_token\":\"" + next + "\",\"scope\":\""
                    + SyncTestClient.OLDSYNC + "\"}");
            assertThat(fresh.status()).isEqualTo(200);
            assertThat(c.token(new SyncTestClient.Linked(linked.login(), linked.kB(), linked.keyId(),
                    fresh.json().get("access_token").asText(), next)).uid()).isPositive();

            assertThat(c.postJson("/v1/oauth/token", exchange(next, "profile")).status())
                    .as("a scope outside the allowlist").isEqualTo(403);
        }
    }

    @Test
    void clientsOutsideTheAllowlistCannotExchange() throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD));
        SyncTestClient.Linked linked = client.link(email, PASSWORD);
        Resp refused = client.postJson("/v1/oauth/token", exchange(linked.refreshToken(), RELAY));
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        Resp unknown = client.postJson("/v1/oauth/token", exchange("0".repeat(64), RELAY));
        assertThat(unknown.json().get("errno").asInt()).isEqualTo(110);
    }
}
