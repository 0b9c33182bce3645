package io.fxhome.sandbox.fxa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.fxhome.sandbox.crypto.Totp;
import io.fxhome.sandbox.testsupport.ClientCrypto;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Login;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/**
 * Every auth-server route checks its body (and query) against the keys Mozilla's Joi validator declares: an unknown
 * key is refused with errno 107 and hapi's {@code validation} object, a missing required key with 108, and the valid
 * body is accepted. The OAuth server's routes answer 109; /v1/oauth/token's alternatives fail as a whole.
 */
class StrictBodiesTest extends SandboxTestBase {
    private static final String CID = SyncTestClient.CLIENT_ID;
    private static final String OLDSYNC = SyncTestClient.OLDSYNC;

    static void assertInvalid(Resp r, String source, String key) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode j = r.json();
        assertThat(j.get("errno").asInt()).as(r.body()).isEqualTo(107);
        assertThat(j.get("error").asText()).isEqualTo("Bad Request");
        assertThat(j.get("message").asText()).isEqualTo("Invalid parameter in request body");
        assertThat(j.get("validation").get("source").asText()).isEqualTo(source);
        assertThat(j.get("validation").get("keys")).hasSize(1);
        assertThat(j.get("validation").get("keys").get(0).asText()).isEqualTo(key);
        assertThat(j.get("info").asText())
                .isEqualTo("https://mozilla.github.io/ecosystem-platform/api#section/Response-format");
    }

    static void assertMissing(Resp r, String key) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errno").asInt()).isEqualTo(108);
        assertThat(r.json().get("message").asText()).isEqualTo("Missing parameter in request body: " + key);
        assertThat(r.json().get("param").asText()).isEqualTo(key);
    }

    static void assertOauthInvalid(Resp r, String key) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errno").asInt()).as(r.body()).isEqualTo(109);
        assertThat(r.json().get("message").asText()).isEqualTo("Invalid request parameter");
        assertThat(r.json().get("validation").get("keys").get(0).asText()).isEqualTo(key);
    }

    private static String loginBody(String email, String extra) throws Exception {
        String authPW = ClientCrypto.hex(ClientCrypto.quickStretch(email, PASSWORD)[0]);
        return "{\"email\":\"" + email + "\",\"authPW\":\"" + authPW + "\"" + extra + "}";
    }

    private static String account(NewAccount spec) {
        sandbox().createAccount(spec);
        return spec.email();
    }

    @Test
    void login() throws Exception {
        String email = account(NewAccount.of(newEmail(), PASSWORD));
        assertInvalid(client.postJson("/v1/account/login?keys=true", loginBody(email, ",\"bogus\":1")), "payload",
                "bogus");
        assertMissing(client.postJson("/v1/account/login", "{\"authPW\":\"" + "0".repeat(64) + "\"}"), "email");
        assertMissing(client.postJson("/v1/account/login", "{\"email\":\"" + email + "\"}"), "authPW");
        assertInvalid(client.postJson("/v1/account/login", "{\"email\":\"" + email + "\",\"authPW\":\"abc\"}"),
                "payload", "authPW");
        assertInvalid(client.postJson("/v1/account/login", loginBody("not-an-email", "")), "payload", "email");
        assertInvalid(client.postJson("/v1/account/login", loginBody(email, ",\"unblockCode\":\"short\"")),
                "payload", "unblockCode");
        assertInvalid(client.postJson("/v1/account/login", loginBody(email, ",\"reason\":\"far-too-long-reason\"")),
                "payload", "reason");
        assertInvalid(client.postJson("/v1/account/login", loginBody(email, ",\"verificationMethod\":\"sms\"")),
                "payload", "verificationMethod");
        assertInvalid(client.postJson("/v1/account/login?keys=true&bogus=1", loginBody(email, "")), "query",
                "bogus");
        assertInvalid(client.postJson("/v1/account/login?keys=maybe", loginBody(email, "")), "query", "keys");

        Resp ok = client.postJson("/v1/account/login?keys=true&service=sync", loginBody(email,
                ",\"reason\":\"login\",\"service\":\"sync\",\"metricsContext\":{\"flowId\":\"" + "a".repeat(64)
                        + "\",\"flowBeginTime\":1700000000000},\"verificationMethod\":\"email-otp\","
                        + "\"originalLoginEmail\":\"" + email + "\""));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().fieldNames()).toIterable().containsExactlyInAnyOrder("uid", "sessionToken",
                "keyFetchToken", "authAt", "metricsEnabled", "emailVerified", "sessionVerified", "verified");
        assertInvalid(client.postJson("/v1/account/login", loginBody(email,
                ",\"metricsContext\":{\"flowId\":\"" + "a".repeat(64) + "\"}")), "payload", "metricsContext");
    }

    @Test
    void accountRoutesWithoutAuthentication() throws Exception {
        String email = account(NewAccount.of(newEmail(), PASSWORD));
        assertInvalid(client.postJson("/v1/account/status", "{\"email\":\"" + email + "\",\"bogus\":true}"),
                "payload", "bogus");
        assertMissing(client.postJson("/v1/account/status", "{}"), "email");
        assertThat(client.postJson("/v1/account/status", "{\"email\":\"" + email + "\"}").json().get("exists")
                .asBoolean()).isTrue();

        assertInvalid(client.postJson("/v1/account/credentials/status", "{\"email\":\"" + email
                + "\",\"bogus\":1}"), "payload", "bogus");
        assertThat(client.postJson("/v1/account/credentials/status", "{\"email\":\"" + email + "\"}").status())
                .isEqualTo(200);

        assertInvalid(client.postJson("/v1/account/login/send_unblock_code", "{\"email\":\"" + email
                + "\",\"bogus\":1}"), "payload", "bogus");
        assertMissing(client.postJson("/v1/account/login/send_unblock_code", "{}"), "email");
        Resp sent = client.postJson("/v1/account/login/send_unblock_code", "{\"email\":\"" + email + "\"}");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("{}");
    }

    @Test
    void sessionRoutes() throws Exception {
        String email = account(NewAccount.of(newEmail(), PASSWORD).withVerification(VerificationMode.EMAIL_OTP));
        Login login = client.login(email, PASSWORD);
        byte[] st = login.sessionToken();
        assertInvalid(client.fxa("POST", "/v1/session/verify_code", st, "sessionToken",
                "{\"code\":\"123456\",\"bogus\":1}"), "payload", "bogus");
        assertInvalid(client.fxa("POST", "/v1/session/verify_code", st, "sessionToken", "{\"code\":\"12ab\"}"),
                "payload", "code");
        Resp noBody = client.fxa("POST", "/v1/session/verify_code", st, "sessionToken", null);
        assertThat(noBody.status()).as("payload: 'required'").isEqualTo(401);
        assertThat(noBody.json().get("errno").asInt()).isEqualTo(109);
        // resend_code declares no validator at all: any body passes, as in production.
        assertThat(client.fxa("POST", "/v1/session/resend_code", st, "sessionToken", "{\"anything\":1}").status())
                .isEqualTo(200);
        Resp ok = client.fxa("POST", "/v1/session/verify_code", st, "sessionToken", "{\"code\":\""
                + sandbox().latestEmailCode(email) + "\",\"service\":\"sync\",\"scopes\":[\"" + OLDSYNC + "\"]}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);

        byte[][] qs = ClientCrypto.quickStretch(email, PASSWORD);
        String reauth = "{\"email\":\"" + email + "\",\"authPW\":\"" + ClientCrypto.hex(qs[0]) + "\"";
        assertInvalid(client.fxa("POST", "/v1/session/reauth?keys=true", st, "sessionToken", reauth
                + ",\"bogus\":1}"), "payload", "bogus");
        assertInvalid(client.fxa("POST", "/v1/session/reauth?keys=true&bogus=1", st, "sessionToken", reauth + "}"),
                "query", "bogus");
        assertThat(client.fxa("POST", "/v1/session/reauth?keys=true", st, "sessionToken", reauth
                + ",\"reason\":\"login\"}").status()).isEqualTo(200);

        String skd = "{\"client_id\":\"" + CID + "\",\"scope\":\"" + OLDSYNC + "\"";
        assertInvalid(client.fxa("POST", "/v1/account/scoped-key-data", st, "sessionToken", skd + ",\"bogus\":1}"),
                "payload", "bogus");
        assertInvalid(client.fxa("POST", "/v1/account/scoped-key-data", st, "sessionToken", skd
                + ",\"assertion\":\"x\"}"), "payload", "assertion");
        assertMissing(client.fxa("POST", "/v1/account/scoped-key-data", st, "sessionToken", "{\"client_id\":\""
                + CID + "\"}"), "scope");
        assertThat(client.fxa("POST", "/v1/account/scoped-key-data", st, "sessionToken", skd + "}").status())
                .isEqualTo(200);

        // GET routes have no body, and these declare no query validator.
        assertThat(client.fxa("GET", "/v1/session/status?extra=1", st, "sessionToken", null).status())
                .isEqualTo(200);
        assertInvalid(client.fxa("POST", "/v1/session/destroy", st, "sessionToken", "{\"bogus\":1}"), "payload",
                "bogus");
        assertThat(client.fxa("POST", "/v1/session/destroy", st, "sessionToken", "{}").status()).isEqualTo(200);
        Login other = client.login(email, PASSWORD);
        assertThat(client.fxa("POST", "/v1/session/destroy", other.sessionToken(), "sessionToken", null).status())
                .as("an empty body is allowed").isEqualTo(200);
    }

    @Test
    void totp() throws Exception {
        String email = account(NewAccount.of(newEmail(), PASSWORD).withVerification(VerificationMode.TOTP_2FA));
        Login login = client.login(email, PASSWORD);
        String secret = sandbox().account(email).orElseThrow().totpSecret();
        assertInvalid(client.fxa("POST", "/v1/session/verify/totp", login.sessionToken(), "sessionToken",
                "{\"code\":\"123456\",\"bogus\":1}"), "payload", "bogus");
        assertMissing(client.fxa("POST", "/v1/session/verify/totp", login.sessionToken(), "sessionToken",
                "{\"service\":\"sync\"}"), "code");
        Resp ok = client.fxa("POST", "/v1/session/verify/totp", login.sessionToken(), "sessionToken",
                "{\"code\":\"" + Totp.code(secret, Instant.now()) + "\",\"service\":\"sync\"}");
        assertThat(ok.json().get("success").asBoolean()).isTrue();
    }

    @Test
    void oauthTokenPerGrant() throws Exception {
        String email = account(NewAccount.of(newEmail(), PASSWORD));
        Login login = client.login(email, PASSWORD);
        String creds = "{\"grant_type\":\"fxa-credentials\",\"client_id\":\"" + CID + "\",\"scope\":\"" + OLDSYNC
                + "\",\"access_type\":\"offline\"";
        // A body no alternative of the route's Joi.alternatives() accepts fails at the root: keys [""].
        assertInvalid(client.fxa("POST", "/v1/oauth/token", login.sessionToken(), "sessionToken", creds
                + ",\"bogus\":1}"), "payload", "");
        assertInvalid(client.fxa("POST", "/v1/oauth/token", login.sessionToken(), "sessionToken", creds
                + ",\"assertion\":\"" + "a".repeat(60) + "\"}"), "payload", "");
        assertInvalid(client.fxa("POST", "/v1/oauth/token", login.sessionToken(), "sessionToken",
                "{\"grant_type\":\"password\",\"client_id\":\"" + CID + "\"}"), "payload", "");
        Resp granted = client.fxa("POST", "/v1/oauth/token", login.sessionToken(), "sessionToken", creds + "}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        String refresh = granted.json().get("refresh_token").asText();

        String refreshBody = "{\"grant_type\":\"refresh_token\",\"client_id\":\"" + CID + "\",\"refresh_token\":\""
                + refresh + "\"";
        assertInvalid(client.postJson("/v1/oauth/token", refreshBody + ",\"access_type\":\"offline\"}"), "payload",
                "");
        assertInvalid(client.postJson("/v1/oauth/token", "{\"grant_type\":\"refresh_token\",\"client_id\":\"" + CID
                + "\"}"), "payload", "");
        assertThat(client.postJson("/v1/oauth/token", refreshBody + ",\"scope\":\"" + OLDSYNC + "\",\"ttl\":60}")
                .status()).isEqualTo(200);

        assertInvalid(client.postJson("/v1/oauth/token", "{\"client_id\":\"" + CID + "\",\"code\":\""
                + "0".repeat(64) + "\",\"code_verifier\":\"" + "v".repeat(43) + "\",\"bogus\":1}"), "payload", "");
        assertInvalid(client.postJson("/v1/oauth/token", "{\"client_id\":\"" + CID + "\",\"code\":\""
                + "0".repeat(64) + "\"}"), "payload", "");
        Resp unknownCode = client.postJson("/v1/oauth/token", "{\"client_id\":\"" + CID + "\",\"code\":\""
                + "0".repeat(64) + "\",\"code_verifier\":\"" + "v".repeat(43) + "\"}");
        assertThat(unknownCode.json().get("errno").asInt()).as("valid body, unknown code").isEqualTo(172);

        assertInvalid(client.postJson("/v1/oauth/token", "{\"grant_type\":\"" + FxaSchemas.GRANT_TOKEN_EXCHANGE
                + "\",\"subject_token\":\"" + refresh + "\",\"subject_token_type\":\""
                + FxaSchemas.SUBJECT_TOKEN_TYPE_REFRESH + "\",\"scope\":\"profile\",\"client_id\":\"" + CID + "\"}"),
                "payload", "");
    }

    @Test
    void revocationRoutes() throws Exception {
        String email = account(NewAccount.of(newEmail(), PASSWORD));
        SyncTestClient.Linked linked = client.link(email, PASSWORD);
        Resp wrongKey = client.postJson("/v1/oauth/destroy", "{\"client_id\":\"" + CID + "\",\"refresh_token\":\""
                + linked.refreshToken() + "\"}");
        assertInvalid(wrongKey, "payload", "refresh_token");
        assertMissing(client.postJson("/v1/oauth/destroy", "{\"token\":\"" + linked.accessToken() + "\"}"),
                "client_id");
        assertInvalid(client.postJson("/v1/oauth/destroy", "{\"client_id\":\"" + CID + "\",\"token\":\""
                + linked.accessToken() + "\",\"token_type_hint\":\"" + "x".repeat(65) + "\"}"), "payload",
                "token_type_hint");
        Resp unknown = client.postJson("/v1/oauth/destroy", "{\"client_id\":\"" + CID + "\",\"token\":\""
                + "1".repeat(64) + "\"}");
        assertThat(unknown.status()).as("RFC 7009: unknown tokens are answered {}").isEqualTo(200);
        Resp badClient = client.postJson("/v1/oauth/destroy", "{\"client_id\":\"0123456789abcdef\",\"token\":\""
                + linked.accessToken() + "\"}");
        assertThat(badClient.json().get("errno").asInt()).isEqualTo(162);

        // The OAuth server's /v1/destroy is the route that takes refresh_token; its errors are OAuth-numbered.
        assertOauthInvalid(client.postJson("/v1/destroy", "{\"refresh_token\":\"" + linked.refreshToken()
                + "\",\"bogus\":1}"), "bogus");
        assertOauthInvalid(client.postJson("/v1/destroy", "{\"refresh_token\":\"" + linked.refreshToken()
                + "\",\"token\":\"" + linked.accessToken() + "\"}"), "refresh_token");
        Resp legacy = client.postJson("/v1/destroy", "{\"refresh_token\":\"" + linked.refreshToken() + "\"}");
        assertThat(legacy.status()).as(legacy.body()).isEqualTo(200);
        Resp again = client.postJson("/v1/destroy", "{\"refresh_token\":\"" + linked.refreshToken() + "\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("errno").asInt()).isEqualTo(108);
        assertThat(client.postJson("/v1/destroy", "{\"token\":\"" + linked.accessToken() + "\"}").status())
                .isEqualTo(200);
    }

    @Test
    void verifyRoute() throws Exception {
        String email = account(NewAccount.of(newEmail(), PASSWORD));
        SyncTestClient.Linked linked = client.link(email, PASSWORD);
        assertOauthInvalid(client.postJson("/v1/verify", "{\"token\":\"" + linked.accessToken() + "\",\"bogus\":1}"),
                "bogus");
        assertOauthInvalid(client.postJson("/v1/verify", "{}"), "token");
        assertThat(client.postJson("/v1/verify", "{\"token\":\"" + linked.accessToken() + "\"}").status())
                .isEqualTo(200);
    }

    @Test
    void bodiesOverSixteenKilobytesAreRefused() {
        Resp big = client.postJson("/v1/account/status", "{\"email\":\"a@b.cd\",\"clientId\":\"" + "x".repeat(17_000)
                + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("errno").asInt()).isEqualTo(113);
        assertThat(client.postJson("/v1/oauth/token", "{\"client_id\":\"" + CID + "\",\"code\":\"" + "0".repeat(64)
                + "\",\"code_verifier\":\"" + "v".repeat(43) + "\",\"ppid_seed\":2000}").json().get("errno").asInt())
                .isEqualTo(107);
    }

    @Test
    void productionStripsUnknownKeysWhenAskedTo() throws Exception {
        try (SandboxServer strip = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024)
                .withUnknownKeys(UnknownKeys.STRIP))) {
            SyncTestClient c = new SyncTestClient(strip.baseUrl());
            String email = newEmail();
            strip.sandbox().createAccount(NewAccount.of(email, PASSWORD));
            Resp login = c.postJson("/v1/account/login?keys=true&bogus=1", loginBody(email,
                    ",\"bogus\":1,\"metricsContext\":{\"newKey\":\"x\"}"));
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            SyncTestClient.Linked linked = c.link(email, PASSWORD);
            // refresh_token is dropped, so nothing is revoked; the refresh token keeps working.
            Resp destroy = c.postJson("/v1/oauth/destroy", "{\"client_id\":\"" + CID + "\",\"refresh_token\":\""
                    + linked.refreshToken() + "\"}");
            assertThat(destroy.status()).isEqualTo(200);
            assertThat(c.postJson("/v1/oauth/token", "{\"grant_type\":\"refresh_token\",\"client_id\":\"" + CID
                    + "\",\"refresh_token\":\"" + linked.refreshToken() + "\"}").status()).isEqualTo(200);
            assertThat(c.send("GET", strip.baseUrl() + "/v1/account/keys", Map.of(), null).status()).isEqualTo(401);
        }
    }
}
