package io.fxhome.sync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fxhome.sandbox.devices.FirefoxDevice;
import io.fxhome.sync.crypto.ScopedKey;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.devices.CommandKeysBundle;
import io.fxhome.sync.devices.CommandPage;
import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.sync.devices.PublicCommandKeys;
import io.fxhome.sync.devices.RemoteDevice;
import io.fxhome.sync.devices.SendTabCodec;
import io.fxhome.sync.devices.SendTabPayload;
import io.fxhome.sync.devices.TabEntry;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.SyncCredentials;
import io.fxhome.sync.webpush.PushKeys;

/**
 * Send Tab between the client (JDK crypto) and the sandbox's simulated Firefox (Bouncy Castle crypto): each decrypts
 * what the other encrypted, through the device routes.
 */
class SendTabTest {
    private static ClientSandbox env;
    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void start() {
        env = ClientSandbox.start();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static DeviceClient devices() {
        return new DeviceClient(FxaConfig.production().withAuthUrl(URI.create(env.baseUrl())), env.http());
    }

    private static ScopedKey oldsync(SyncCredentials c) {
        return new ScopedKey(SyncKeyDerivation.OLDSYNC_SCOPE, c.syncKeys().toKSync(), c.keyId());
    }

    @Test
    void tabsTravelBothWaysAndDecryptToTheSameUrlAndTitle() {
        ClientSandbox.Linked a = env.linkedAccount("sendtab", null);
        SyncCredentials c = a.account().credentials();
        PushKeys keys = PushKeys.generate(random);
        DeviceClient client = devices();
        String id = client.register(c.refreshToken(), null, "fxhome on test", "desktop", Map.of(SendTabCodec.COMMAND,
                CommandKeysBundle.seal(PublicCommandKeys.of(keys), oldsync(c))));
        assertThat(client.register(c.refreshToken(), id, "fxhome on test", "desktop", Map.of(SendTabCodec.COMMAND,
                CommandKeysBundle.seal(PublicCommandKeys.of(keys), oldsync(c))))).isEqualTo(id);

        env.sandbox().firefoxSendTab(a.email(), null, "https://example.org/a?q=1", "First <tab>");
        env.sandbox().firefoxSendTab(a.email(), null, "https://example.org/b", "Second");
        CommandPage page = client.commands(c.refreshToken(), 1, DeviceClient.MAX_LIMIT);
        assertThat(page.last()).isTrue();
        assertThat(page.index()).isEqualTo(2);
        List<TabEntry> got = page.messages().stream().map(m -> SendTabCodec.decrypt(m.payload(), keys).current())
                .toList();
        assertThat(got).containsExactly(new TabEntry("First <tab>", "https://example.org/a?q=1", false),
                new TabEntry("Second", "https://example.org/b", false));
        assertThat(page.messages().get(0).sender()).isEqualTo(env.sandbox().firefoxDeviceId(a.email()));
        assertThat(client.commands(c.refreshToken(), 3, DeviceClient.MAX_LIMIT).messages()).isEmpty();

        List<RemoteDevice> all = client.devices(c.refreshToken());
        RemoteDevice firefox = all.stream().filter(d -> !d.isCurrentDevice()).findFirst().orElseThrow();
        assertThat(firefox.acceptsTabs()).isTrue();
        assertThat(all.stream().filter(RemoteDevice::isCurrentDevice).map(RemoteDevice::id)).containsExactly(id);
        PublicCommandKeys target = CommandKeysBundle.open(firefox.availableCommands().get(SendTabCodec.COMMAND),
                oldsync(c));
        client.invoke(c.refreshToken(), firefox.id(), SendTabCodec.COMMAND, new SendTabCodec(random).encrypt(target,
                new SendTabPayload(List.of(new TabEntry("Från fxhome", "https://example.net/ü", false)), "f", "s")));
        List<FirefoxDevice.ReceivedTab> received = env.sandbox().firefoxReceived(a.email());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).url()).isEqualTo("https://example.net/ü");
        assertThat(received.get(0).title()).isEqualTo("Från fxhome");
        assertThat(received.get(0).sender()).isEqualTo(id);

        FxaException unknown = catchThrowableOfType(FxaException.class, () -> client.invoke(c.refreshToken(), "0"
                .repeat(32), SendTabCodec.COMMAND,
                new SendTabCodec(random).encrypt(target, new SendTabPayload(List.of(
                        new TabEntry("t", "https://e.org", false)), "", ""))));
        assertThat(DeviceClient.isUnknownDevice(unknown)).isTrue();

        env.sandbox().removeDevice(a.email(), id);
        FxaException revoked = catchThrowableOfType(FxaException.class, () -> client.commands(c.refreshToken(), 3,
                DeviceClient.MAX_LIMIT));
        assertThat(revoked.kind()).isEqualTo(FxaException.Kind.INVALID_TOKEN);
    }
}
