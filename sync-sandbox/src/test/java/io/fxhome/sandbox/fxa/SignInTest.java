package io.fxhome.sandbox.fxa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.crypto.Totp;
import io.fxhome.sandbox.testsupport.ClientCrypto;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Login;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;
import io.fxhome.sandbox.testsupport.TestHawk;

/** Sign-in flows against the sandbox's auth server over real HTTP. */
class SignInTest extends SandboxTestBase {

    private static String account(VerificationMode mode) {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD).withVerification(mode));
        return email;
    }

    private static void assertFxaError(Resp r, int code, int errno) {
        assertThat(r.status()).as(r.body()).isEqualTo(code);
        JsonNode j = r.json();
        assertThat(j.get("code").asInt()).isEqualTo(code);
        assertThat(j.get("errno").asInt()).isEqualTo(errno);
        assertThat(j.get("error").asText()).isNotEmpty();
        assertThat(j.get("message").asText()).isNotEmpty();
        assertThat(r.header("Timestamp")).matches("\\d+");
    }

    @Test
    void plainSignInGivesTheAccountsKeysAndTokens() throws Exception {
        String email = account(VerificationMode.NONE);
        AccountInfo info = sandbox().account(email).orElseThrow();
        Login login = client.login(email, PASSWORD);
        assertThat(login.verified()).isTrue();
        assertThat(login.uid()).isEqualTo(info.uid()).matches("[0-9a-f]{32}");
        assertThat(login.keyFetchToken()).hasSize(32);

        byte[] kB = client.fetchKB(login);
        assertThat(ClientCrypto.clientStateHex(kB)).isEqualTo(info.clientState());
        long ts = client.keyRotationTimestamp(login);
        assertThat(ts).isEqualTo(info.keyRotationTimestamp());
        assertThat(ClientCrypto.keyId(ts, kB)).isEqualTo(info.keyId());

        Resp status = client.fxa("GET", "/v1/session/status", login.sessionToken(), "sessionToken", null);
        assertThat(status.json().get("state").asText()).isEqualTo("verified");
        assertThat(status.json().get("uid").asText()).isEqualTo(info.uid());

        Resp token = client.oauthTokenRaw(login);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("access_token").asText()).matches("[0-9a-f]{64}");
        assertThat(token.json().get("refresh_token").asText()).matches("[0-9a-f]{64}");
        assertThat(token.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(token.json().get("scope").asText()).isEqualTo(SyncTestClient.OLDSYNC);
        assertThat(token.json().get("expires_in").asLong()).isPositive();
    }

    @Test
    void emailCodeVerificationAndTheKeyFetchOrderingTrap() throws Exception {
        String email = account(VerificationMode.EMAIL_OTP);
        Login login = client.login(email, PASSWORD);
        assertThat(login.verified()).isFalse();
        assertThat(login.verificationMethod()).isEqualTo("email-otp");

        // Keys before verification: errno 104, and the keyFetchToken is gone either way.
        assertFxaError(client.fxa("GET", "/v1/account/keys", login.keyFetchToken(), "keyFetchToken", null), 400, 104);
        assertFxaError(client.fxa("GET", "/v1/account/keys", login.keyFetchToken(), "keyFetchToken", null), 401, 110);
        // An oldsync token needs a verified session: lib/oauth/grant.js refuses the assertion (OAuth 104), which
        // /v1/oauth/token renumbers 110.
        assertFxaError(client.oauthTokenRaw(login), 401, 110);

        String code = sandbox().latestEmailCode(email);
        assertThat(code).matches("\\d{6}");
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertFxaError(client.fxa("POST", "/v1/session/verify_code", login.sessionToken(), "sessionToken",
                "{\"code\":\"" + wrong + "\"}"), 400, 183);
        Resp ok = client.fxa("POST", "/v1/session/verify_code", login.sessionToken(), "sessionToken",
                "{\"code\":\"" + code + "\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{}");
        assertThat(client.fxa("GET", "/v1/session/status", login.sessionToken(), "sessionToken", null).json()
                .get("state").asText()).isEqualTo("verified");

        // A burnt keyFetchToken is replaced by re-authenticating the same session.
        byte[][] qs = ClientCrypto.quickStretch(email, PASSWORD);
        Resp reauth = client.fxa("POST", "/v1/session/reauth?keys=true", login.sessionToken(), "sessionToken",
                "{\"email\":\"" + email + "\",\"authPW\":\"" + ClientCrypto.hex(qs[0]) + "\"}");
        assertThat(reauth.status()).as(reauth.body()).isEqualTo(200);
        Login again = new Login(email, login.uid(), login.sessionToken(),
                ClientCrypto.unhex(reauth.json().get("keyFetchToken").asText()), true, null, qs[1]);
        SyncTestClient.Linked linked = client.finishLink(again);
        assertThat(client.token(linked).uid()).isPositive();
    }

    @Test
    void totpVerification() throws Exception {
        String email = account(VerificationMode.TOTP_2FA);
        AccountInfo info = sandbox().account(email).orElseThrow();
        assertThat(info.totpSecret()).matches("[A-Z2-7]+");
        Login login = client.login(email, PASSWORD);
        assertThat(login.verificationMethod()).isEqualTo("totp-2fa");
        String current = Totp.code(info.totpSecret(), Instant.now());
        String wrong = current.equals("123456") ? "654321" : "123456";
        Resp bad = client.fxa("POST", "/v1/session/verify/totp", login.sessionToken(), "sessionToken",
                "{\"code\":\"" + wrong + "\",\"service\":\"sync\"}");
        assertThat(bad.json().get("success").asBoolean()).isFalse();
        Resp good = client.fxa("POST", "/v1/session/verify/totp", login.sessionToken(), "sessionToken",
                "{\"code\":\"" + current + "\",\"service\":\"sync\"}");
        assertThat(good.json().get("success").asBoolean()).isTrue();
        assertThat(client.token(client.finishLink(login)).apiEndpoint()).startsWith(server.baseUrl());
    }

    @Test
    void wrongPasswordUnknownAccountAndEmailCase() throws Exception {
        String email = account(VerificationMode.NONE);
        Resp wrong = client.loginRaw(email, "not the password", email);
        assertFxaError(wrong, 400, 103);
        assertThat(wrong.json().get("email").asText()).isEqualTo(email);
        assertFxaError(client.loginRaw("nobody-" + email, PASSWORD, "nobody-" + email), 400, 102);

        String typed = email.toUpperCase();
        Resp caseErr = client.loginRaw(typed, PASSWORD, typed);
        assertFxaError(caseErr, 400, 120);
        assertThat(caseErr.json().get("email").asText()).isEqualTo(email);
        // Retrying with the returned e-mail as salt succeeds.
        assertThat(client.loginRaw(email, PASSWORD, email).status()).isEqualTo(200);

        sandbox().changePrimaryEmail(email, "new-" + email);
        Resp changed = client.loginRaw("new-" + email, PASSWORD, "new-" + email);
        assertFxaError(changed, 400, 120);
        assertThat(changed.json().get("email").asText()).isEqualTo(email);
    }

    @Test
    void throttledBlockedAndUnavailableSignIns() throws Exception {
        String email = account(VerificationMode.NONE);
        sandbox().throttleSignIn(email, 1, 17);
        Resp throttled = client.loginRaw(email, PASSWORD, email);
        assertFxaError(throttled, 429, 114);
        assertThat(throttled.json().get("retryAfter").asInt()).isEqualTo(17);
        assertThat(throttled.header("Retry-After")).isEqualTo("17");
        assertThat(client.loginRaw(email, PASSWORD, email).status()).isEqualTo(200);

        sandbox().blockSignIn(email, 1);
        Resp blocked = client.loginRaw(email, PASSWORD, email);
        assertFxaError(blocked, 400, 125);
        assertThat(blocked.json().get("verificationMethod").asText()).isEqualTo("email-captcha");

        sandbox().fxaUnavailable(email, 1, 9);
        Resp unavailable = client.loginRaw(email, PASSWORD, email);
        assertFxaError(unavailable, 503, 201);
        assertThat(unavailable.header("Retry-After")).isEqualTo("9");
        assertThat(client.loginRaw(email, PASSWORD, email).status()).isEqualTo(200);
    }

    @Test
    void keyFetchTokenIsSingleUse() throws Exception {
        String email = account(VerificationMode.NONE);
        Login login = client.login(email, PASSWORD);
        assertThat(client.fxa("GET", "/v1/account/keys", login.keyFetchToken(), "keyFetchToken", null).status())
                .isEqualTo(200);
        assertFxaError(client.fxa("GET", "/v1/account/keys", login.keyFetchToken(), "keyFetchToken", null), 401, 110);
    }

    @Test
    void refreshTokenWorksUntilDestroyed() throws Exception {
        String email = account(VerificationMode.NONE);
        SyncTestClient.Linked linked = client.link(email, PASSWORD);
        String body = "{\"grant_type\":\"refresh_token\",\"client_id\":\"" + SyncTestClient.CLIENT_ID
                + "\",\"refresh_token\":\"" + linked.refreshToken() + "\",\"scope\":\"" + SyncTestClient.OLDSYNC + "\"}";
        Resp refreshed = client.postJson("/v1/oauth/token", body);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh_token")).isFalse();
        assertThat(refreshed.json().has("auth_at")).as("not in the refresh answer's schema").isFalse();
        String access = refreshed.json().get("access_token").asText();
        assertThat(client.tokenRaw(access, linked.keyId(), null).status()).isEqualTo(200);

        // /v1/oauth/destroy takes {client_id, token, token_type_hint}; a refresh_token key is not one of them.
        Resp wrongKey = client.postJson("/v1/oauth/destroy", "{\"client_id\":\"" + SyncTestClient.CLIENT_ID
                + "\",\"refresh_token\":\"" + linked.refreshToken() + "\"}");
        assertFxaError(wrongKey, 400, 107);
        assertThat(client.postJson("/v1/oauth/token", body).status()).as("nothing was revoked").isEqualTo(200);
        Resp destroyed = client.postJson("/v1/oauth/destroy", "{\"client_id\":\"" + SyncTestClient.CLIENT_ID
                + "\",\"token\":\"" + linked.refreshToken() + "\",\"token_type_hint\":\"refresh_token\"}");
        assertThat(destroyed.status()).isEqualTo(200);
        assertThat(destroyed.body()).isEqualTo("{}");
        // /v1/oauth/token answers an unknown refresh token with the auth server's 110 (token.js rethrows OAuth 108).
        assertFxaError(client.postJson("/v1/oauth/token", body), 401, 110);

        Resp destroyAccess = client.postJson("/v1/oauth/destroy", "{\"client_id\":\"" + SyncTestClient.CLIENT_ID
                + "\",\"token\":\"" + access + "\"}");
        assertThat(destroyAccess.status()).isEqualTo(200);
        assertThat(client.tokenRaw(access, linked.keyId(), null).json().get("status").asText())
                .isEqualTo("invalid-credentials");
    }

    @Test
    void hawkOnTheAuthServerIsVerifiedAndBearerIsAccepted() throws Exception {
        String email = account(VerificationMode.NONE);
        Login login = client.login(email, PASSWORD);
        byte[][] k = ClientCrypto.tokenKeys(login.sessionToken(), "sessionToken");
        URI uri = URI.create(server.baseUrl() + "/v1/session/status");

        String badMac = TestHawk.header("GET", uri, ClientCrypto.hex(k[0]), new byte[32]);
        assertFxaError(client.send("GET", uri.toString(), Map.of("Authorization", badMac), null), 401, 109);
        long stale = System.currentTimeMillis() / 1000 - 3600;
        String old = TestHawk.header("GET", uri, ClientCrypto.hex(k[0]), k[1], stale, TestHawk.nonce(), null);
        Resp staleResp = client.send("GET", uri.toString(), Map.of("Authorization", old), null);
        assertFxaError(staleResp, 401, 111);
        assertThat(staleResp.json().get("serverTime").asLong()).isPositive();
        String once = TestHawk.header("GET", uri, ClientCrypto.hex(k[0]), k[1]);
        assertThat(client.send("GET", uri.toString(), Map.of("Authorization", once), null).status()).isEqualTo(200);
        assertFxaError(client.send("GET", uri.toString(), Map.of("Authorization", once), null), 401, 115);
        assertFxaError(client.send("GET", uri.toString(), Map.of(), null), 401, 110);

        Resp bearer = client.send("GET", uri.toString(), Map.of("Authorization", "Bearer fxs_"
                + ClientCrypto.hex(k[0])), null);
        assertThat(bearer.status()).isEqualTo(200);
        Resp tokenByBearer = client.send("POST", server.baseUrl() + "/v1/oauth/token", Map.of("Authorization",
                "Bearer fxs_" + ClientCrypto.hex(k[0]), "Content-Type", "application/json"),
                "{\"grant_type\":\"fxa-credentials\",\"client_id\":\"" + SyncTestClient.CLIENT_ID + "\",\"scope\":\""
                        + SyncTestClient.OLDSYNC + "\"}");
        assertThat(tokenByBearer.status()).isEqualTo(200);
        assertThat(tokenByBearer.json().has("refresh_token")).as("no access_type=offline").isFalse();

        // A payload hash that does not match the body is refused.
        String body = "{\"client_id\":\"" + SyncTestClient.CLIENT_ID + "\",\"scope\":\"" + SyncTestClient.OLDSYNC + "\"}";
        URI skd = URI.create(server.baseUrl() + "/v1/account/scoped-key-data");
        String hashOfOther = TestHawk.payloadHash("application/json", "{}".getBytes());
        String auth = TestHawk.header("POST", skd, ClientCrypto.hex(k[0]), k[1], System.currentTimeMillis() / 1000,
                TestHawk.nonce(), hashOfOther);
        assertFxaError(client.send("POST", skd.toString(), Map.of("Authorization", auth, "Content-Type",
                "application/json"), body), 401, 109);
        assertFxaError(client.fxa("POST", "/v1/account/scoped-key-data", login.sessionToken(), "sessionToken",
                "{\"client_id\":\"0000000000000000\",\"scope\":\"" + SyncTestClient.OLDSYNC + "\"}"), 400, 162);
    }

    @Test
    void bearerTokensAreAcceptedInExactlyTheTypedForm() throws Exception {
        String email = account(VerificationMode.NONE);
        Login login = client.login(email, PASSWORD);
        String id = ClientCrypto.hex(ClientCrypto.tokenKeys(login.sessionToken(), "sessionToken")[0]);
        String kfId = ClientCrypto.hex(ClientCrypto.tokenKeys(login.keyFetchToken(), "keyFetchToken")[0]);
        String status = server.baseUrl() + "/v1/session/status";
        assertThat(client.send("GET", status, Map.of("Authorization", "Bearer fxs_" + id), null).status())
                .isEqualTo(200);
        // bearer-fxa-token.js: ^Bearer <prefix>_([0-9a-f]{64})$, the derived token id, never the raw token.
        // (Whitespace around a header value is not part of it in HTTP; both servers' parsers drop it.)
        for (String bad : new String[] { "Bearer FXS_" + id, "Bearer fxs_" + id.toUpperCase(), "bearer fxs_" + id,
                "Bearer  fxs_" + id, "Bearer fxs" + id,
                "Bearer fxs_" + id.substring(1), "Bearer fxs_" + id + "0", "Bearer " + id, "Bearer fxk_" + id,
                "Bearer fxs_" + ClientCrypto.hex(login.sessionToken()) }) {
            Resp r = client.send("GET", status, Map.of("Authorization", bad), null);
            assertFxaError(r, 401, 110);
        }
        assertFxaError(client.send("GET", server.baseUrl() + "/v1/account/keys", Map.of("Authorization",
                "Bearer fxs_" + kfId), null), 401, 110);
        Resp keys = client.send("GET", server.baseUrl() + "/v1/account/keys", Map.of("Authorization",
                "Bearer fxk_" + kfId), null);
        assertThat(keys.status()).as(keys.body()).isEqualTo(200);
        assertThat(keys.json().get("bundle").asText()).matches("[0-9a-f]{192}");
    }
}
