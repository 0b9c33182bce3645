package io.fxhome.sandbox.fxa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.testsupport.ClientCrypto;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/** Sign-ins blocked as "unfamiliar" with unblock codes, and the bot challenge (406) in front of the auth server. */
class SignInBlockingTest extends SandboxTestBase {

    private static Resp login(String email, String unblockCode) throws Exception {
        String authPW = ClientCrypto.hex(ClientCrypto.quickStretch(email, PASSWORD)[0]);
        return client.postJson("/v1/account/login?keys=true", "{\"email\":\"" + email + "\",\"authPW\":\"" + authPW
                + "\",\"reason\":\"login\"" + (unblockCode == null ? "" : ",\"unblockCode\":\"" + unblockCode + "\"")
                + "}");
    }

    private static void assertBlocked(Resp r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode j = r.json();
        assertThat(j.get("errno").asInt()).isEqualTo(125);
        assertThat(j.get("error").asText()).isEqualTo("Request blocked");
        assertThat(j.get("message").asText()).isEqualTo("The request was blocked for security reasons");
        assertThat(j.get("verificationMethod").asText()).isEqualTo("email-captcha");
        assertThat(j.get("verificationReason").asText()).isEqualTo("login");
    }

    @Test
    void anUnfamiliarSignInNeedsAnUnblockCode() throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD).withVerification(VerificationMode.EMAIL_OTP));
        sandbox().requireUnblockCode(email, true);
        assertThat(sandbox().account(email).orElseThrow().unblockCodeRequired()).isTrue();
        assertBlocked(login(email, null));

        assertThat(client.postJson("/v1/account/login/send_unblock_code", "{\"email\":\"" + email + "\"}").status())
                .isEqualTo(200);
        String code = sandbox().latestUnblockCode(email);
        assertThat(code).matches("[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}");
        var mail = sandbox().outbox(email).get(sandbox().outbox(email).size() - 1);
        assertThat(mail.template()).isEqualTo("unblockCode");
        assertThat(mail.code()).isEqualTo(code);

        String wrong = code.equals("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA";
        Resp bad = login(email, wrong);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errno").asInt()).isEqualTo(127);
        assertThat(bad.json().get("message").asText()).isEqualTo("Invalid unblock code");

        // The code is compared upper-cased; the session it starts is verified, e-mail confirmation or not.
        Resp ok = login(email, code.toLowerCase());
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("sessionVerified").asBoolean()).isTrue();
        assertThat(ok.json().get("verified").asBoolean()).isTrue();
        assertThat(ok.json().has("verificationMethod")).isFalse();
        SyncTestClient.Login login = new SyncTestClient.Login(email, ok.json().get("uid").asText(),
                ClientCrypto.unhex(ok.json().get("sessionToken").asText()),
                ClientCrypto.unhex(ok.json().get("keyFetchToken").asText()), true, null,
                ClientCrypto.quickStretch(email, PASSWORD)[1]);
        assertThat(client.token(client.finishLink(login)).uid()).isPositive();

        Resp reused = login(email, code);
        assertThat(reused.json().get("errno").asInt()).as("single use").isEqualTo(127);
        assertBlocked(login(email, null));

        sandbox().requireUnblockCode(email, false);
        assertThat(login(email, null).status()).isEqualTo(200);
    }

    @Test
    void unknownAccountsHideBehindTheBlockAndTwoStepAuthStillAsksForItsCode() throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD).withVerification(VerificationMode.TOTP_2FA));
        sandbox().requireUnblockCode(email, true);
        client.postJson("/v1/account/login/send_unblock_code", "{\"email\":\"" + email + "\"}");
        Resp ok = login(email, sandbox().latestUnblockCode(email));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("sessionVerified").asBoolean()).isFalse();
        assertThat(ok.json().get("verificationMethod").asText()).isEqualTo("totp-2fa");

        Resp unknown = client.postJson("/v1/account/login/send_unblock_code", "{\"email\":\"nobody-" + email
                + "\"}");
        assertThat(unknown.json().get("errno").asInt()).isEqualTo(102);

        // The counted fault blocks the same way, and an unblock code lets the sign-in through.
        String other = newEmail();
        sandbox().createAccount(NewAccount.of(other, PASSWORD));
        sandbox().blockSignIn(other, 1);
        assertBlocked(login(other, null));
        assertThat(login(other, null).status()).isEqualTo(200);
        sandbox().blockSignIn(null, 1);
        Resp hidden = client.postJson("/v1/account/login", "{\"email\":\"nobody-" + other + "\",\"authPW\":\""
                + "0".repeat(64) + "\",\"unblockCode\":\"ABCDEFGH\"}");
        assertBlocked(hidden);
    }

    @Test
    void adminApiBlocksAndReadsTheCode() throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD));
        String path = "/__sandbox/accounts/" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        Resp set = client.postJson(path + "/unblock-code-required", "{\"required\":true}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("unblockCodeRequired").asBoolean()).isTrue();
        assertThat(client.postJson(path + "/unblock-code-required", "{}").status()).isEqualTo(400);
        assertThat(client.get(path + "/unblock-code").status()).as("none sent yet").isEqualTo(404);
        assertBlocked(login(email, null));
        client.postJson("/v1/account/login/send_unblock_code", "{\"email\":\"" + email + "\"}");
        String code = client.get(path + "/unblock-code").json().get("code").asText();
        assertThat(login(email, code).status()).isEqualTo(200);
        assertThat(client.postJson(path + "/unblock-code-required", "{\"required\":false}").json()
                .get("unblockCodeRequired").asBoolean()).isFalse();
    }

    @Test
    void theBotChallengeIsAnHtmlPage() throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD));
        sandbox().challengeSignIn(email, 1);
        Resp challenged = login(email, null);
        assertThat(challenged.status()).isEqualTo(406);
        assertThat(challenged.header("Content-Type")).startsWith("text/html");
        assertThat(challenged.body()).startsWith("<!DOCTYPE html>").contains("<script>");
        assertThat(login(email, null).status()).isEqualTo(200);

        String path = "/__sandbox/accounts/" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        assertThat(client.postJson(path + "/faults/challenge-signin", "{\"count\":2}").status()).isEqualTo(200);
        assertThat(login(email, null).status()).isEqualTo(406);
        assertThat(login(email, null).status()).isEqualTo(406);
        assertThat(login(email, null).status()).isEqualTo(200);
        assertThat(client.postJson("/__sandbox/faults/challenge-signin", "{\"count\":1}").status()).isEqualTo(200);
        assertThat(client.postJson("/v1/account/login", "{}").status()).as("before FxA validates anything")
                .isEqualTo(406);
    }
}
