package io.fxhome.sandbox.fxa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.testsupport.ClientCrypto;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/** Version-2 credentials and accounts without a password, at the auth server's API. */
class PasswordVersionsTest extends SandboxTestBase {

    private static Resp credentialsStatus(String email) {
        return client.postJson("/v1/account/credentials/status", "{\"email\":\"" + email + "\"}");
    }

    @Test
    void versionOneAccountsNeedAnUpgrade() {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD));
        JsonNode status = credentialsStatus(email).json();
        assertThat(status.get("currentVersion").asText()).isEqualTo("v1");
        assertThat(status.has("clientSalt")).isFalse();
        assertThat(status.get("upgradeNeeded").asBoolean()).as("no wrapWrapKbVersion2 yet").isTrue();
        assertThat(credentialsStatus("nobody-" + email).json().get("errno").asInt()).isEqualTo(102);
    }

    @Test
    void versionTwoSignInGivesTheSameKb() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.of(email, PASSWORD).withPasswordVersion2());
        assertThat(info.passwordVersion()).isEqualTo(2);
        JsonNode status = credentialsStatus(email).json();
        assertThat(status.get("currentVersion").asText()).isEqualTo("v2");
        assertThat(status.get("clientSalt").asText()).matches("identity\\.mozilla\\.com/picl/v1/quickStretchV2:"
                + "[0-9a-f]{32}").isEqualTo(info.clientSalt());
        assertThat(status.get("upgradeNeeded").asBoolean()).isFalse();

        // The v2 authPW goes in "authPW"; the answer's key-fetch token is keyFetchTokenVersion2.
        byte[][] v2 = ClientCrypto.quickStretchV2(info.clientSalt(), PASSWORD);
        Resp raw = client.loginAuthPW(email, v2[0]);
        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        assertThat(raw.json().has("keyFetchTokenVersion2")).isTrue();
        assertThat(raw.json().has("keyFetchToken")).isFalse();
        SyncTestClient.Login login = client.loginV2(email, PASSWORD);
        byte[] kB = client.fetchKB(login);
        assertThat(ClientCrypto.clientStateHex(kB)).isEqualTo(info.clientState());
        assertThat(ClientCrypto.keyId(client.keyRotationTimestamp(login), kB)).isEqualTo(info.keyId());

        // The account keeps its v1 credentials: a v1 client still signs in, to the same kB.
        SyncTestClient.Login v1 = client.login(email, PASSWORD);
        assertThat(client.fetchKB(v1)).isEqualTo(kB);
        assertThat(client.loginAuthPW(email, ClientCrypto.quickStretch(email, "wrong password")[0]).json()
                .get("errno").asInt()).isEqualTo(103);
    }

    @Test
    void accountsWithoutAPasswordCannotSignInWithOne() throws Exception {
        String email = newEmail();
        AccountInfo info = sandbox().createAccount(NewAccount.withoutPassword(email));
        assertThat(info.passwordVersion()).isZero();
        Resp login = client.loginRaw(email, PASSWORD, email);
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.json().get("errno").asInt()).isEqualTo(210);
        assertThat(login.json().get("message").asText())
                .isEqualTo("Complete account setup, please reset password to continue.");
        Resp status = credentialsStatus(email);
        assertThat(status.json().get("errno").asInt()).isEqualTo(149);
        JsonNode third = client.postJson("/v1/account/status", "{\"email\":\"" + email
                + "\",\"thirdPartyAuthStatus\":true}").json();
        assertThat(third.get("exists").asBoolean()).isTrue();
        assertThat(third.get("hasPassword").asBoolean()).isFalse();
        assertThat(third.get("hasLinkedAccount").asBoolean()).isTrue();
    }

    @Test
    void adminApiCreatesBothKinds() {
        String v2 = newEmail();
        Resp created = client.postJson("/__sandbox/accounts", "{\"email\":\"" + v2 + "\",\"password\":\"" + PASSWORD
                + "\",\"passwordVersion\":2}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("passwordVersion").asInt()).isEqualTo(2);
        assertThat(created.json().get("clientSalt").asText()).startsWith("identity.mozilla.com/picl/v1/quickStretchV2:");
        String none = newEmail();
        Resp passwordless = client.postJson("/__sandbox/accounts", "{\"email\":\"" + none
                + "\",\"passwordless\":true}");
        assertThat(passwordless.status()).as(passwordless.body()).isEqualTo(201);
        assertThat(passwordless.json().get("passwordVersion").asInt()).isZero();
    }
}
