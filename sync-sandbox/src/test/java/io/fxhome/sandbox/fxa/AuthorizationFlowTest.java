package io.fxhome.sandbox.fxa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.crypto.Totp;
import io.fxhome.sandbox.testsupport.ClientCrypto;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;
import io.fxhome.sandbox.testsupport.TestJwe;

/** The browser single-sign-on flow (§2.9): /authorization, code + PKCE, keys_jwe. */
class AuthorizationFlowTest extends SandboxTestBase {
    private static final String REDIRECT = "http://127.0.0.1:8080/fxa/callback";
    private static final String IOS = "1b1a3e44c54fbb58";

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : URI.create(url).getRawQuery().split("&")) {
            String[] p = kv.split("=", 2);
            out.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    private record Flow(String verifier, Map<String, String> params, TestJwe jwe) {
    }

    private static Flow begin() throws Exception {
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32])
                + "abcDEF-._~0123";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        TestJwe jwe = new TestJwe();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", SyncTestClient.CLIENT_ID);
        p.put("scope", SyncTestClient.OLDSYNC + " profile");
        p.put("state", "st<ate>&\"x");
        p.put("code_challenge_method", "S256");
        p.put("code_challenge", challenge);
        p.put("access_type", "offline");
        p.put("keys_jwk", jwe.keysJwk());
        p.put("redirect_uri", REDIRECT);
        return new Flow(verifier, p, jwe);
    }

    /** Firefox for iOS as a third-party client borrows it: no redirect_uri, the content server's parameters. */
    private static Flow beginIos() throws Exception {
        Flow f = begin();
        Map<String, String> p = new LinkedHashMap<>(f.params());
        p.put("client_id", IOS);
        p.put("scope", "profile " + SyncTestClient.OLDSYNC);
        p.remove("redirect_uri");
        p.put("response_type", "code");
        p.put("action", "email");
        return new Flow(f.verifier(), p, f.jwe());
    }

    private static Resp post(Flow f, Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>(f.params());
        fields.putAll(extra);
        return client.send("POST", server.baseUrl() + "/authorization", Map.of("Content-Type",
                "application/x-www-form-urlencoded"), form(fields));
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"")
                .matcher(html);
        assertThat(m.find()).as(name + " in " + html).isTrue();
        return m.group(1);
    }

    private static Resp exchangeAs(String clientId, String code, String verifier) {
        return client.postJson("/v1/oauth/token", "{\"grant_type\":\"authorization_code\",\"client_id\":\""
                + clientId + "\",\"code\":\"" + code + "\",\"code_verifier\":\"" + verifier + "\"}");
    }

    private static Resp submit(Flow f, String email, String password, String code) {
        Map<String, String> fields = new LinkedHashMap<>(f.params());
        fields.put("email", email);
        fields.put("password", password);
        if (code != null) {
            fields.put("code", code);
        }
        return client.send("POST", server.baseUrl() + "/authorization", Map.of("Content-Type",
                "application/x-www-form-urlencoded"), form(fields));
    }

    private static Resp exchange(Flow f, String code, String verifier) {
        return client.postJson("/v1/oauth/token", "{\"grant_type\":\"authorization_code\",\"client_id\":\""
                + SyncTestClient.CLIENT_ID + "\",\"code\":\"" + code + "\",\"code_verifier\":\"" + verifier + "\"}");
    }

    @Test
    void signInOnThePageThenExchangeTheCodeForTokensAndScopedKeys() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.of(email, PASSWORD));
        Flow f = begin();

        Resp page = client.get("/authorization?" + form(f.params()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<form").contains("name=\"password\"")
                .contains("st&lt;ate&gt;&amp;&quot;x").doesNotContain("st<ate>");

        Resp wrong = submit(f, email, "wrong password", null);
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).contains("Incorrect password");

        Resp redirect = submit(f, email, PASSWORD, null);
        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.header("Location");
        assertThat(location).startsWith(REDIRECT + "?code=");
        Map<String, String> q = query(location);
        assertThat(q.get("state")).isEqualTo(f.params().get("state"));
        assertThat(q.get("code")).matches("[0-9a-f]{64}");

        Resp badVerifier = exchange(f, q.get("code"), f.verifier() + "x");
        assertThat(badVerifier.status()).isEqualTo(400);
        assertThat(badVerifier.json().get("errno").asInt()).as("invalid PKCE challenge").isEqualTo(175);
        // A code stays until an exchange passes every check (token.js removes it last), then it is single use.
        Resp tokens = exchange(f, q.get("code"), f.verifier());
        assertThat(exchange(f, q.get("code"), f.verifier()).json().get("errno").asInt()).as("codes are single use")
                .isEqualTo(172);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        JsonNode t = tokens.json();
        assertThat(t.get("access_token").asText()).matches("[0-9a-f]{64}");
        assertThat(t.get("refresh_token").asText()).matches("[0-9a-f]{64}");
        JsonNode keys = SyncTestClient.parse(f.jwe().decrypt(t.get("keys_jwe").asText()));
        JsonNode oldsync = keys.get(SyncTestClient.OLDSYNC);
        assertThat(oldsync.get("kty").asText()).isEqualTo("oct");
        assertThat(oldsync.get("scope").asText()).isEqualTo(SyncTestClient.OLDSYNC);
        assertThat(oldsync.get("kid").asText()).isEqualTo(info.keyId());

        // The scoped key is kSync of the account's kB, and the access token opens the tokenserver.
        SyncTestClient.Linked linked = client.link(email, PASSWORD);
        assertThat(Base64.getUrlDecoder().decode(oldsync.get("k").asText())).isEqualTo(linked.kSync());
        assertThat(client.tokenRaw(t.get("access_token").asText(), oldsync.get("kid").asText(), null).status())
                .isEqualTo(200);
        assertThat(ClientCrypto.keyId(info.keyRotationTimestamp(), linked.kB())).isEqualTo(info.keyId());
    }

    @Test
    void accountsWithTwoStepAuthenticationAreAskedForTheirCode() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.of(email, PASSWORD)
                .withVerification(VerificationMode.TOTP_2FA));
        Flow f = begin();
        Resp ask = submit(f, email, PASSWORD, null);
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.body()).contains("name=\"code\"");
        Resp done = submit(f, email, PASSWORD, Totp.code(info.totpSecret(),
                Instant.now()));
        assertThat(done.status()).isEqualTo(302);

        String otpEmail = newEmail();
        sandbox().createAccount(NewAccount.of(otpEmail, PASSWORD).withVerification(VerificationMode.EMAIL_OTP));
        assertThat(submit(f, otpEmail, PASSWORD, null).body()).contains("name=\"code\"");
        Resp byEmail = submit(f, otpEmail, PASSWORD, sandbox().latestEmailCode(otpEmail));
        assertThat(byEmail.status()).isEqualTo(302);
    }

    @Test
    void badAuthorizationRequestsAreRefused() throws Exception {
        Flow f = begin();
        Map<String, String> otherRedirect = new LinkedHashMap<>(f.params());
        otherRedirect.put("redirect_uri", "https://evil.example/callback");
        assertThat(client.get("/authorization?" + form(otherRedirect)).status()).isEqualTo(400);
        Map<String, String> noPkce = new LinkedHashMap<>(f.params());
        noPkce.remove("code_challenge");
        assertThat(client.get("/authorization?" + form(noPkce)).status()).isEqualTo(400);
        Map<String, String> unknownClient = new LinkedHashMap<>(f.params());
        unknownClient.put("client_id", "0123456789abcdef");
        assertThat(client.get("/authorization?" + form(unknownClient)).status()).isEqualTo(400);
        Map<String, String> privateJwk = new LinkedHashMap<>(f.params());
        privateJwk.put("keys_jwk", Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\",\"d\":\"c\"}".getBytes()));
        assertThat(client.get("/authorization?" + form(privateJwk)).status()).isEqualTo(400);
    }

    @Test
    void firefoxForIosLandsOnTheSuccessPage() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.of(email, PASSWORD));
        Flow f = beginIos();
        Resp page = client.get("/authorization?" + form(f.params()));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Resp redirect = submit(f, email, PASSWORD, null);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        String location = redirect.header("Location");
        assertThat(location).startsWith(server.baseUrl() + "/oauth/success/" + IOS + "?code=");
        Map<String, String> q = query(location);
        assertThat(q.get("state")).isEqualTo(f.params().get("state"));

        Resp success = client.send("GET", location, Map.of(), null);
        assertThat(success.status()).isEqualTo(200);
        assertThat(success.header("Content-Type")).startsWith("text/html");
        assertThat(success.body()).contains("Device connected").contains("You can close this tab");

        Resp tokens = exchangeAs(IOS, q.get("code"), f.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().get("scope").asText().split(" ")).containsExactlyInAnyOrder("profile",
                SyncTestClient.OLDSYNC);
        JsonNode keys = SyncTestClient.parse(f.jwe().decrypt(tokens.json().get("keys_jwe").asText()));
        assertThat(keys.get(SyncTestClient.OLDSYNC).get("kid").asText()).isEqualTo(info.keyId());
        assertThat(exchangeAs(SyncTestClient.CLIENT_ID, q.get("code"), f.verifier()).json().get("errno").asInt())
                .as("another client's code").isEqualTo(172);

        Map<String, String> elsewhere = new LinkedHashMap<>(f.params());
        elsewhere.put("redirect_uri", REDIRECT);
        assertThat(client.get("/authorization?" + form(elsewhere)).status()).as("not registered for iOS")
                .isEqualTo(400);
        elsewhere.put("redirect_uri", server.baseUrl() + "/oauth/success/" + IOS);
        assertThat(client.get("/authorization?" + form(elsewhere)).status()).isEqualTo(200);
        Map<String, String> badAction = new LinkedHashMap<>(f.params());
        badAction.put("action", "teleport");
        assertThat(client.get("/authorization?" + form(badAction)).status()).isEqualTo(400);
        assertThat(client.get("/oauth/success/0123456789abcdef").status()).isEqualTo(404);
    }

    @Test
    void versionTwoAccountsSignInOnThePage() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.of(email, PASSWORD).withPasswordVersion2());
        Flow f = begin();
        assertThat(submit(f, email, "wrong password", null).body()).contains("Incorrect password");
        Resp redirect = submit(f, email, PASSWORD, null);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        Resp tokens = exchange(f, query(redirect.header("Location")).get("code"), f.verifier());
        JsonNode oldsync = SyncTestClient.parse(f.jwe().decrypt(tokens.json().get("keys_jwe").asText()))
                .get(SyncTestClient.OLDSYNC);
        assertThat(oldsync.get("kid").asText()).isEqualTo(info.keyId());
        assertThat(Base64.getUrlDecoder().decode(oldsync.get("k").asText()))
                .isEqualTo(ClientCrypto.kSync(client.fetchKB(client.loginV2(email, PASSWORD))));
    }

    @Test
    void anAccountWithoutAPasswordCreatesOneForSyncThenContinues() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.withoutPassword(email));
        Flow f = begin();
        Resp ask = submit(f, email, "anything", null);
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.body()).contains("Create a password").contains("name=\"new_password\"");
        String chosen = "a new password for sync";
        assertThat(post(f, Map.of("email", email, "new_password", "short", "confirm_password", "short")).body())
                .contains("at least 8");
        assertThat(post(f, Map.of("email", email, "new_password", chosen, "confirm_password", chosen + "x")).body())
                .contains("do not match");
        Resp redirect = post(f, Map.of("email", email, "new_password", chosen, "confirm_password", chosen));
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        Resp tokens = exchange(f, query(redirect.header("Location")).get("code"), f.verifier());
        JsonNode oldsync = SyncTestClient.parse(f.jwe().decrypt(tokens.json().get("keys_jwe").asText()))
                .get(SyncTestClient.OLDSYNC);
        assertThat(oldsync.get("kid").asText()).as("the account's kB is kept").isEqualTo(info.keyId());

        SyncTestClient.Linked linked = client.link(email, chosen);
        assertThat(ClientCrypto.clientStateHex(linked.kB())).isEqualTo(info.clientState());
        assertThat(sandbox().account(email).orElseThrow().passwordVersion()).isEqualTo(1);
    }

    @Test
    void aBlockedSignInOnThePageAsksForTheUnblockCode() throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD).withVerification(VerificationMode.EMAIL_OTP));
        sandbox().requireUnblockCode(email, true);
        Flow f = begin();
        Resp ask = submit(f, email, PASSWORD, null);
        assertThat(ask.body()).contains("name=\"unblock_code\"");
        String ticket = hidden(ask.body(), "ticket");
        assertThat(post(f, Map.of("ticket", ticket, "unblock_code", "AAAAAAAA")).body())
                .contains("Invalid unblock code");
        Resp done = post(f, Map.of("ticket", ticket, "unblock_code", sandbox().latestUnblockCode(email)));
        assertThat(done.status()).as("an unblocked sign-in needs no e-mail code").isEqualTo(302);
    }

    @Test
    void theCodeStepNeedsNoPasswordAgain() throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD).withVerification(VerificationMode.EMAIL_OTP));
        Flow f = begin();
        Resp ask = submit(f, email, PASSWORD, null);
        assertThat(ask.body()).contains("name=\"code\"").doesNotContain("name=\"password\"");
        Resp done = post(f, Map.of("ticket", hidden(ask.body(), "ticket"), "code", sandbox().latestEmailCode(email)));
        assertThat(done.status()).isEqualTo(302);
    }

    @Test
    void aForgedKidIsPassedThroughAndTheTokenserverRefusesIt() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.of(email, PASSWORD));
        String forged = (info.keyRotationTimestamp() + 60_000) + "-AAAAAAAAAAAAAAAAAAAAAA";
        sandbox().forgeNextKeysJweKid(email, forged);
        Flow f = begin();
        Resp tokens = exchange(f, query(submit(f, email, PASSWORD, null).header("Location")).get("code"),
                f.verifier());
        JsonNode oldsync = SyncTestClient.parse(f.jwe().decrypt(tokens.json().get("keys_jwe").asText()))
                .get(SyncTestClient.OLDSYNC);
        assertThat(oldsync.get("kid").asText()).isEqualTo(forged);
        assertThat(Base64.getUrlDecoder().decode(oldsync.get("k").asText())).hasSize(64);
        String access = tokens.json().get("access_token").asText();
        Resp refused = client.tokenRaw(access, forged, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("status").asText()).isEqualTo("invalid-keysChangedAt");
        Resp sameTime = client.tokenRaw(access, info.keyRotationTimestamp() + "-AAAAAAAAAAAAAAAAAAAAAA", null);
        assertThat(sameTime.json().get("status").asText()).isEqualTo("invalid-client-state");
        assertThat(client.tokenRaw(access, info.keyId(), null).status()).as("the true kid still works")
                .isEqualTo(200);

        // The hook is single use: the next completion carries the true keys.
        Flow next = begin();
        Resp again = exchange(next, query(submit(next, email, PASSWORD, null).header("Location")).get("code"),
                next.verifier());
        assertThat(SyncTestClient.parse(next.jwe().decrypt(again.json().get("keys_jwe").asText()))
                .get(SyncTestClient.OLDSYNC).get("kid").asText()).isEqualTo(info.keyId());
    }
}
