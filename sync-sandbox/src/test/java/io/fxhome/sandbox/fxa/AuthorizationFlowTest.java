package io.fxhome.sandbox.fxa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.testsupport.ClientCrypto;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;
import io.fxhome.sandbox.testsupport.TestJwe;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The browser single-sign-on flow (§2.9): /authorization, code + PKCE, keys_jwe. */
class AuthorizationFlowTest extends SandboxTestBase {
    private static final String REDIRECT = "http://127.0.0.1:8080/fxa/callback";

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
        Resp done = submit(f, email, PASSWORD, io.fxhome.sandbox.crypto.Totp.code(info.totpSecret(),
                java.time.Instant.now()));
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
}
