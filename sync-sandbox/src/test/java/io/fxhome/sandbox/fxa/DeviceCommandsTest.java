package io.fxhome.sandbox.fxa;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.KeyBundle;
import io.fxhome.sandbox.crypto.RecordCipher;
import io.fxhome.sandbox.crypto.SyncKeys;
import io.fxhome.sandbox.devices.BcWebPush;
import io.fxhome.sandbox.devices.FirefoxDevice;
import io.fxhome.sandbox.http.Json;
import io.fxhome.sandbox.testsupport.SandboxTestBase;
import io.fxhome.sandbox.testsupport.SyncTestClient;
import io.fxhome.sandbox.testsupport.SyncTestClient.Resp;

/**
 * The device routes as production validates them, and the command queue between a client's device and the simulated
 * Firefox (index, limit, TTL, sender).
 */
class DeviceCommandsTest extends SandboxTestBase {
    private final SecureRandom random = new SecureRandom();

    private Resp call(String method, String path, String refreshToken, String body) {
        Map<String, String> h = body == null ? Map.of("Authorization", "Bearer " + refreshToken)
                : Map.of("Authorization", "Bearer " + refreshToken, "Content-Type", "application/json");
        return client.send(method, server.baseUrl() + path, h, body);
    }

    /** The open-uri value a client publishes: its keys sealed under kSync's bundle, kid = hex(client state). */
    private static String published(BcWebPush.Keys keys, byte[] kB) {
        String clear = Json.object().put("publicKey", Base64s.urlNoPad(keys.publicPoint()))
                .put("authSecret", Base64s.urlNoPad(keys.authSecret())).toString();
        RecordCipher.Envelope e = RecordCipher.encrypt(clear, KeyBundle.fromKSync(SyncKeys.kSync(kB)), new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
        return Json.object().put("kid", SyncKeys.clientStateHex(kB)).put("IV", e.iv()).put("hmac", e.hmac())
                .put("ciphertext", e.ciphertext()).toString();
    }

    @Test
    void aGreetingAccountsFirefoxSendsItsTabOnceToEachDeviceThatStartsTakingOpenUri() throws Exception {
        Session s = emptySession();
        String rt = s.linked().refreshToken();
        // What the demo account does from the start (Sandbox's constructor): "another Firefox" sent fxhome a tab.
        sandbox().greetNewDevices(s.email(), io.fxhome.sandbox.Sandbox.DEMO_TAB_URL,
                io.fxhome.sandbox.Sandbox.DEMO_TAB_TITLE);
        Resp bare = call("POST", "/v1/account/device", rt, "{\"name\":\"no commands yet\",\"type\":\"desktop\"}");
        String id = bare.json().get("id").asText();
        assertThat(call("GET", "/v1/account/device/commands?index=0", rt, null).json().get("messages")).isEmpty();

        BcWebPush.Keys keys = BcWebPush.generate(random);
        String commands = Json.MAPPER.writeValueAsString(Map.of(FirefoxDevice.OPEN_URI, published(keys, s.linked()
                .kB())));
        call("POST", "/v1/account/device", rt, "{\"id\":\"" + id + "\",\"availableCommands\":" + commands + "}");
        // Published again (a key change, a new name): no second greeting.
        call("POST", "/v1/account/device", rt, "{\"id\":\"" + id + "\",\"name\":\"renamed\",\"availableCommands\":"
                + commands + "}");
        JsonNode messages = call("GET", "/v1/account/device/commands?index=0", rt, null).json().get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("data").get("command").asText()).isEqualTo(FirefoxDevice.OPEN_URI);
        assertThat(messages.get(0).get("data").get("sender").asText()).isEqualTo(sandbox().firefoxDeviceId(s.email()));
    }

    @Test
    void aRegisteredClientReceivesWhatFirefoxSendsAndFirefoxDecryptsWhatItSends() throws Exception {
        Session s = emptySession();
        String rt = s.linked().refreshToken();
        BcWebPush.Keys keys = BcWebPush.generate(random);
        String commands = Json.MAPPER.writeValueAsString(Map.of(FirefoxDevice.OPEN_URI, published(keys, s.linked()
                .kB())));
        Resp reg = call("POST", "/v1/account/device", rt, "{\"name\":\"fxhome on test\",\"type\":\"desktop\","
                + "\"availableCommands\":" + commands + "}");
        assertThat(reg.status()).as(reg.body()).isEqualTo(200);
        String id = reg.json().get("id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        Resp again = call("POST", "/v1/account/device", rt, "{\"id\":\"" + id + "\",\"name\":\"renamed\"}");
        assertThat(again.json().get("id").asText()).as("re-registration keeps the id").isEqualTo(id);
        assertThat(again.json().get("availableCommands").has(FirefoxDevice.OPEN_URI)).isTrue();

        JsonNode list = call("GET", "/v1/account/devices?filterIdleDevicesTimestamp=0", rt, null).json();
        assertThat(list).hasSize(2);
        JsonNode mine = list.get(0).get("id").asText().equals(id) ? list.get(0) : list.get(1);
        JsonNode firefox = list.get(0).get("id").asText().equals(id) ? list.get(1) : list.get(0);
        assertThat(mine.get("isCurrentDevice").asBoolean()).isTrue();
        assertThat(mine.get("name").asText()).isEqualTo("renamed");
        assertThat(firefox.get("isCurrentDevice").asBoolean()).isFalse();
        assertThat(firefox.get("name").asText()).isEqualTo(FirefoxDevice.NAME);

        Resp nothingYet = call("GET", "/v1/account/device/commands?index=0", rt, null);
        assertThat(nothingYet.status()).as("a device nothing was sent to: " + nothingYet.body()).isEqualTo(200);
        assertThat(nothingYet.json().get("messages")).isEmpty();
        assertThat(nothingYet.json().get("last").asBoolean()).isTrue();

        sandbox().firefoxSendTab(s.email(), null, "https://example.org/one", "One");
        sandbox().firefoxSendTab(s.email(), id, "https://example.org/two", "Two");
        Resp page = call("GET", "/v1/account/device/commands?index=0&limit=1", rt, null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("index").asLong()).isEqualTo(1);
        assertThat(page.json().get("last").asBoolean()).isFalse();
        JsonNode first = page.json().get("messages").get(0);
        assertThat(first.get("data").get("command").asText()).isEqualTo(FirefoxDevice.OPEN_URI);
        assertThat(first.get("data").get("sender").asText()).isEqualTo(firefox.get("id").asText());
        byte[] clear = BcWebPush.decrypt(keys, Base64s.fromUrl(first.get("data").get("payload").get("encrypted")
                .asText()));
        assertThat(Json.MAPPER.readTree(clear).get("entries").get(0).get("url").asText()).isEqualTo(
                "https://example.org/one");
        Resp rest = call("GET", "/v1/account/device/commands?index=2", rt, null);
        assertThat(rest.json().get("last").asBoolean()).isTrue();
        assertThat(rest.json().get("messages")).hasSize(1);
        Resp none = call("GET", "/v1/account/device/commands?index=3", rt, null);
        assertThat(none.json().get("index").asLong()).isEqualTo(2);
        assertThat(none.json().get("messages")).isEmpty();

        // The client sends to Firefox: encrypted to Firefox's published keys, read back by the simulated Firefox.
        byte[] kSync = SyncKeys.kSync(s.linked().kB());
        JsonNode env = Json.MAPPER.readTree(firefox.get("availableCommands").get(FirefoxDevice.OPEN_URI).asText());
        assertThat(env.get("kid").asText()).isEqualTo(SyncKeys.clientStateHex(s.linked().kB()));
        assertThat(RecordCipher.hmacHex(env.get("ciphertext").asText(), KeyBundle.fromKSync(kSync))).isEqualTo(env
                .get("hmac").asText());
        Resp unknownCommand = call("POST", "/v1/account/devices/invoke_command", rt, "{\"target\":\"" + firefox.get(
                "id").asText() + "\",\"command\":\"https://identity.mozilla.com/cmd/close-uri/v1\",\"payload\":{}}");
        assertThat(unknownCommand.status()).isEqualTo(400);
        assertThat(unknownCommand.json().get("errno").asInt()).isEqualTo(157);
        Resp unknownTarget = call("POST", "/v1/account/devices/invoke_command", rt, "{\"target\":\"" + "0".repeat(32)
                + "\",\"command\":\"" + FirefoxDevice.OPEN_URI + "\",\"payload\":{}}");
        assertThat(unknownTarget.json().get("errno").asInt()).isEqualTo(123);
    }

    @Test
    void bodiesQueriesAndTokensAreCheckedAsProductionDoes() throws Exception {
        Session s = emptySession();
        String rt = s.linked().refreshToken();
        assertErr(call("POST", "/v1/account/device", rt, "{\"name\":\"x\",\"bogus\":1}"), 400, 107);
        assertErr(call("POST", "/v1/account/device", rt, "{\"name\":\"bad\\u0007name\"}"), 400, 107);
        assertErr(call("POST", "/v1/account/device", rt, "{\"type\":\"" + "t".repeat(17) + "\"}"), 400, 107);
        assertErr(call("POST", "/v1/account/device", rt, "{\"availableCommands\":{\"bad name\":\"x\"}}"), 400, 107);
        assertErr(call("POST", "/v1/account/device", rt, "{\"id\":\"" + "a".repeat(32) + "\"}"), 400, 123);
        assertErr(call("POST", "/v1/account/device", s.linked().accessToken(), "{}"), 401, 110);
        assertErr(call("POST", "/v1/account/device", "not-a-token!", "{}"), 400, 107);
        assertErr(call("GET", "/v1/account/device/commands", rt, null), 400, 123);
        assertThat(call("POST", "/v1/account/device", rt, "{\"name\":\"fxhome\"}").status()).isEqualTo(200);
        assertErr(call("GET", "/v1/account/device/commands?limit=101", rt, null), 400, 107);
        assertErr(call("GET", "/v1/account/device/commands?index=x", rt, null), 400, 107);
        String firefox = sandbox().firefoxDeviceId(s.email());
        assertErr(call("POST", "/v1/account/devices/invoke_command", rt, "{\"target\":\"" + firefox
                + "\",\"command\":\"" + FirefoxDevice.OPEN_URI + "\"}"), 400, 108);
        assertErr(call("POST", "/v1/account/devices/invoke_command", rt, "{\"target\":\"" + firefox
                + "\",\"command\":\"" + FirefoxDevice.OPEN_URI + "\",\"payload\":{},\"ttl\":-1}"), 400, 107);
        // invoke_command's Joi schema: target 32 hex, command a non-empty string, payload an object, ttl an integer of
        // 0..10,000,000; any other key is refused.
        String ok = "\"target\":\"" + firefox + "\",\"command\":\"" + FirefoxDevice.OPEN_URI + "\",\"payload\":{}";
        assertErr(call("POST", "/v1/account/devices/invoke_command", rt, "{" + ok + ",\"bogus\":1}"), 400, 107);
        assertErr(call("POST", "/v1/account/devices/invoke_command", rt, "{" + ok + ",\"ttl\":1.5}"), 400, 107);
        assertErr(call("POST", "/v1/account/devices/invoke_command", rt, "{" + ok + ",\"ttl\":10000001}"), 400, 107);
        assertErr(call("POST", "/v1/account/devices/invoke_command", rt, "{\"target\":\"" + firefox.substring(1)
                + "\",\"command\":\"" + FirefoxDevice.OPEN_URI + "\",\"payload\":{}}"), 400, 107);
        assertErr(call("POST", "/v1/account/devices/invoke_command", rt, "{\"target\":\"" + firefox
                + "\",\"command\":\"\",\"payload\":{}}"), 400, 107);
        assertErr(call("POST", "/v1/account/devices/invoke_command", rt, "{\"target\":\"" + firefox
                + "\",\"command\":\"" + FirefoxDevice.OPEN_URI + "\",\"payload\":\"x\"}"), 400, 107);
        assertErr(call("POST", "/v1/account/devices/invoke_command", rt, "{\"target\":\"" + firefox
                + "\",\"command\":\"" + FirefoxDevice.OPEN_URI + "\",\"payload\":[]}"), 400, 107);
        assertThat(call("POST", "/v1/account/devices/invoke_command", rt, "{" + ok + ",\"ttl\":10000000}").status())
                .isEqualTo(200);
        // Customs blocking the account (a fault here: production has no rule for invokeDeviceCommand today).
        sandbox().throttleInvokeCommand(s.email(), 1, 42);
        Resp throttled = call("POST", "/v1/account/devices/invoke_command", rt, "{" + ok + "}");
        assertErr(throttled, 429, 114);
        assertThat(throttled.json().get("retryAfter").asInt()).isEqualTo(42);
        assertThat(call("POST", "/v1/account/devices/invoke_command", rt, "{" + ok + "}").status()).isEqualTo(200);
        assertErr(call("POST", "/v1/account/device/destroy", rt, "{}"), 400, 108);
        assertErr(call("POST", "/v1/account/device/destroy", rt, "{\"id\":\"" + "b".repeat(32) + "\"}"), 400, 123);
    }

    @Test
    void commandsExpireAfterTheirTtlAndDestroyingTheDeviceRevokesItsRefreshToken() throws Exception {
        Session s = emptySession();
        String rt = s.linked().refreshToken();
        BcWebPush.Keys keys = BcWebPush.generate(random);
        String id = call("POST", "/v1/account/device", rt, "{\"availableCommands\":" + Json.MAPPER.writeValueAsString(
                Map.of(FirefoxDevice.OPEN_URI, published(keys, s.linked().kB()))) + "}").json().get("id").asText();
        String firefox = sandbox().firefoxDeviceId(s.email());
        // A command with ttl 0 is expired as soon as it is stored; the open-uri default is 30 days.
        Resp sent = call("POST", "/v1/account/devices/invoke_command", rt, "{\"target\":\"" + firefox
                + "\",\"command\":\"" + FirefoxDevice.OPEN_URI + "\",\"payload\":{\"encrypted\":\"x\"},\"ttl\":0}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("enqueued").asBoolean()).isTrue();
        assertThat(sandbox().firefoxReceived(s.email())).isEmpty();

        assertThat(call("POST", "/v1/account/device/destroy", rt, "{\"id\":\"" + id + "\"}").status()).isEqualTo(200);
        assertErr(call("GET", "/v1/account/devices", rt, null), 401, 110);
        assertThat(sandbox().devices(s.email())).extracting(d -> d.id()).containsExactly(firefox);
    }

    @Test
    void removingTheDeviceAsTheUserDoesInFirefoxRevokesTheClient() throws Exception {
        Session s = emptySession();
        String rt = s.linked().refreshToken();
        String id = call("POST", "/v1/account/device", rt, "{\"name\":\"fxhome\"}").json().get("id").asText();
        sandbox().removeDevice(s.email(), id);
        assertErr(call("GET", "/v1/account/device/commands?index=1", rt, null), 401, 110);
        Resp refresh = client.postJson("/v1/oauth/token", "{\"grant_type\":\"refresh_token\",\"client_id\":\""
                + SyncTestClient.CLIENT_ID + "\",\"refresh_token\":\"" + rt + "\"}");
        assertThat(refresh.status()).isEqualTo(401);
    }

    private static void assertErr(Resp r, int status, int errno) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("errno").asInt()).as(r.body()).isEqualTo(errno);
    }
}
