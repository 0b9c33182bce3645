package io.fxhome.sandbox.fxa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Login;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/** Who an access token belongs to: the OAuth server's /v1/verify and the profile server's /v1/profile. */
class IdentityEndpointsTest extends SandboxTestBase {

    private static String accessToken(Login login, String scope) throws Exception {
        Resp r = client.fxa("POST", "/v1/oauth/token", login.sessionToken(), "sessionToken",
                "{\"grant_type\":\"fxa-credentials\",\"client_id\":\"" + SyncTestClient.CLIENT_ID + "\",\"scope\":\""
                        + scope + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("access_token").asText();
    }

    private static Resp profile(String authorization) {
        return client.send("GET", server.baseUrl() + "/v1/profile", authorization == null ? Map.of()
                : Map.of("Authorization", authorization), null);
    }

    @Test
    void verifyTellsTheUserClientScopeAndGeneration() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.of(email, PASSWORD));
        Login login = client.login(email, PASSWORD);
        String token = accessToken(login, "profile " + SyncTestClient.OLDSYNC);
        Resp r = client.postJson("/v1/verify", "{\"token\":\"" + token + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.fieldNames()).toIterable().containsExactlyInAnyOrder("user", "client_id", "scope",
                "generation", "profile_changed_at");
        assertThat(j.get("user").asText()).isEqualTo(info.uid());
        assertThat(j.get("client_id").asText()).isEqualTo(SyncTestClient.CLIENT_ID);
        assertThat(j.get("scope")).extracting(JsonNode::asText).containsExactlyInAnyOrder("profile",
                SyncTestClient.OLDSYNC);
        assertThat(j.get("generation").asLong()).isPositive();

        Resp unknown = client.postJson("/v1/verify", "{\"token\":\"" + "0".repeat(64) + "\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errno").asInt()).as("OAuth server's invalid token").isEqualTo(108);
        assertThat(client.postJson("/v1/oauth/verify", "{\"token\":\"" + token + "\"}").status())
                .as("production has no /v1/oauth/verify").isEqualTo(404);
        assertThat(client.postJson("/v1/oauth/destroy", "{\"client_id\":\"" + SyncTestClient.CLIENT_ID
                + "\",\"token\":\"" + token + "\"}").status()).isEqualTo(200);
        assertThat(client.postJson("/v1/verify", "{\"token\":\"" + token + "\"}").json().get("errno").asInt())
                .isEqualTo(108);
    }

    @Test
    void profileAnswersWhatTheScopesAllow() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.of(email, PASSWORD));
        Login login = client.login(email, PASSWORD);

        Resp full = profile("Bearer " + accessToken(login, "profile"));
        assertThat(full.status()).as(full.body()).isEqualTo(200);
        assertThat(full.json().get("uid").asText()).isEqualTo(info.uid());
        assertThat(full.json().get("email").asText()).isEqualTo(email);
        assertThat(full.json().get("avatarDefault").asBoolean()).isTrue();
        assertThat(full.json().get("amrValues")).extracting(JsonNode::asText).contains("pwd");
        assertThat(full.json().get("twoFactorAuthentication").asBoolean()).isFalse();
        assertThat(full.json().has("sub")).isFalse();
        assertThat(full.header("ETag")).matches("\"[0-9a-f]{40}\"");

        Resp uidOnly = profile("Bearer " + accessToken(login, "profile:uid openid"));
        assertThat(uidOnly.json().fieldNames()).toIterable().containsExactlyInAnyOrder("uid", "sub");
        Resp emailOnly = profile("Bearer " + accessToken(login, "profile:email"));
        assertThat(emailOnly.json().fieldNames()).toIterable().containsExactly("email");

        Resp forbidden = profile("Bearer " + accessToken(login, SyncTestClient.OLDSYNC));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("message").asText()).isEqualTo("Forbidden");

        Resp missing = profile(null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("errno").asInt()).isEqualTo(100);
        assertThat(missing.json().get("reason").asText()).isEqualTo("Bearer token not provided");
        Resp invalid = profile("Bearer " + "0".repeat(64));
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.json().get("reason").asText()).isEqualTo("Bearer token invalid");
        assertThat(client.get("/.well-known/fxa-client-configuration").json().get("profile_server_base_url")
                .asText()).isEqualTo(server.baseUrl());
    }
}
