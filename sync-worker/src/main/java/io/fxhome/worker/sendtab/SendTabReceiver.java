package io.fxhome.worker.sendtab;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.secrets.AccountFieldSealer;
import io.fxhome.secrets.MasterKeyRing;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.secrets.SecretDecryptionException;
import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.ScopedKey;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.devices.CommandKeysBundle;
import io.fxhome.sync.devices.CommandPage;
import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.sync.devices.PendingCommand;
import io.fxhome.sync.devices.PublicCommandKeys;
import io.fxhome.sync.devices.RemoteDevice;
import io.fxhome.sync.devices.SendTabCodec;
import io.fxhome.sync.devices.SendTabPayload;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.fxa.SyncCredentials;
import io.fxhome.sync.webpush.PushKeys;
import io.fxhome.upstream.UpstreamConfig;
import io.fxhome.worker.config.WorkerConfig;
import io.fxhome.worker.db.DatabaseException;
import io.fxhome.worker.db.Transactions;
import io.quarkus.logging.Log;

/**
 * Send Tab during an account's sync: registers fxhome as one of the account's devices the first time (and again with
 * the same id when the oldsync key changed, so the published keys follow it), then fetches the commands sent to it,
 * decrypts the open-uri ones and stores them in the inbox together with the next index (InboxWriter). Never fails the
 * sync: a problem here is logged (never a key, a token or a URL) and retried at the next sync.
 */
@ApplicationScoped
public class SendTabReceiver {
    static final String KEYS_FIELD = "send-tab-keys";
    private static final int MAX_PAGES = 10;

    private final SendTabConfig config;
    private final AccountFieldSealer sealer;
    private final DeviceClient devices;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    /**
     * Per account, the sealed key id (its ciphertext, no secret) last found to be the one its device's keys were
     * published under: while the stored one is the same bytes, a scheduled sync within the poll interval knows the
     * device is current without opening the account's secrets. Any new sealing (a new sign-in, a rotated refresh
     * token) is other bytes, and the secrets are opened once to check again. Bounded like the token cache.
     */
    private final Map<UUID, byte[]> publishedUnder;

    public SendTabReceiver(SendTabConfig config, MasterKeyRing keys, UpstreamConfig upstream, WorkerConfig worker) {
        this.config = config;
        this.sealer = new AccountFieldSealer(keys);
        this.devices = new DeviceClient(UpstreamConfig.fxaConfig(upstream), UpstreamConfig.httpTransport(upstream));
        int capacity = worker.tokenCacheSize();
        this.publishedUnder = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Called by the account's sync once its collections are stored ({@code always} false for a scheduled sync: then
     * only if the last fetch is {@code fxhome.send-tab.poll-interval} old), and by the app's short poll (always).
     * Opens the account's Send Tab keys at most once; a scheduled sync within the interval opens nothing (neither the
     * keys nor, once this process has checked its device against them, the account's secrets) and asks nothing of
     * Mozilla.
     *
     * @param credentials asked only when the commands are fetched, or the device must be checked or registered
     * @param stored the account's device as read at the start of its sync (AccountSnapshot), under the same lease
     * @return the tabs added to the inbox
     */
    public int poll(Transactions tx, UUID accountId, Supplier<SyncCredentials> credentials,
            SealedAccountSecrets sealed, Optional<SendTabDevice> stored, boolean always) {
        try {
            if (!config.enabled()) {
                return 0;
            }
            if (!always && stored.isPresent() && !due(stored.get(), clock.instant())
                    && stored.get().deviceName().equals(stored.get().wantedName(config.deviceName()))
                    && knownPublished(accountId, sealed)) {
                return 0;
            }
            return receive(tx, accountId, credentials.get(), sealed, stored, always);
        } catch (FxaException e) {
            Log.warnf("account %s: Send Tab skipped this time: %s (HTTP %d, errno %d)", accountId, e.kind(), e
                    .httpStatus(), e.errno());
        } catch (SyncException | SecretDecryptionException | DatabaseException e) {
            Log.warnf("account %s: Send Tab skipped this time: %s", accountId, e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            // Whatever else goes wrong here must not fail the sync that just succeeded; the class name says enough.
            Log.errorf("account %s: Send Tab failed: %s", accountId, e.getClass().getName());
        }
        return 0;
    }

    /**
     * The app's short poll: fetches now, and lets a refusal of the upstream through, so that the job can act on it (a
     * token gone because the user removed fxhome from their devices means the account needs a new sign-in).
     *
     * @return the tabs added to the inbox
     * @throws SyncException when FxA refused or could not be reached
     */
    public int receiveNow(Transactions tx, UUID accountId, SyncCredentials credentials, SealedAccountSecrets sealed,
            Optional<SendTabDevice> stored) {
        if (!config.enabled()) {
            return 0;
        }
        return receive(tx, accountId, credentials, sealed, stored, true);
    }

    private boolean knownPublished(UUID accountId, SealedAccountSecrets sealed) {
        synchronized (publishedUnder) {
            return Arrays.equals(publishedUnder.get(accountId), sealed.keyId());
        }
    }

    private int receive(Transactions tx, UUID accountId, SyncCredentials credentials, SealedAccountSecrets sealed,
            Optional<SendTabDevice> stored, boolean always) {
        byte[] keyHash = sha256(credentials.keyId());
        boolean published = stored.isPresent() && Arrays.equals(stored.get().publishedKeyHash(), keyHash)
                && stored.get().deviceName().equals(stored.get().wantedName(config.deviceName()));
        synchronized (publishedUnder) {
            if (published) {
                publishedUnder.put(accountId, sealed.keyId().clone());
            } else {
                publishedUnder.remove(accountId);
            }
        }
        Instant now = clock.instant();
        if (published && !always && !due(stored.get(), now)) {
            return 0;
        }
        // The keys do not open when the account was linked again (a new data key): new ones get published.
        Optional<PushKeys> opened = stored.flatMap(s -> tryOpen(accountId, sealed, s));
        PushKeys keys = opened.orElseGet(() -> PushKeys.generate(random));
        SendTabDevice device = published && opened.isPresent() ? stored.get()
                : register(tx, accountId, credentials, sealed, stored, keys, keyHash);
        int received = fetch(tx, accountId, credentials.refreshToken(), device, keys, now);
        if (received > 0) {
            Log.infof("account %s: %d tab(s) received in the inbox", accountId, received);
        }
        return received;
    }

    private boolean due(SendTabDevice device, Instant now) {
        return device.commandsFetchedAt() == null || !device.commandsFetchedAt().plus(config.pollInterval()).isAfter(
                now);
    }

    private SendTabDevice register(Transactions tx, UUID accountId, SyncCredentials credentials,
            SealedAccountSecrets sealed, Optional<SendTabDevice> stored, PushKeys keys, byte[] keyHash) {
        String name = stored.map(s -> s.wantedName(config.deviceName())).orElse(config.deviceName());
        Map<String, String> commands = new HashMap<>();
        commands.put(SendTabCodec.COMMAND, CommandKeysBundle.seal(PublicCommandKeys.of(keys), oldsync(credentials)));
        String id;
        long index = 0;
        try {
            id = devices.register(credentials.refreshToken(), stored.map(SendTabDevice::deviceId).orElse(null), name,
                    "desktop", commands);
            if (stored.isPresent() && id.equals(stored.get().deviceId())) {
                index = stored.get().commandIndex();
            }
        } catch (FxaException e) {
            if (stored.isEmpty() || !DeviceClient.isUnknownDevice(e)) {
                throw e;
            }
            // The device was removed while this token lived on (or the account was linked again): a new device.
            id = devices.register(credentials.refreshToken(), null, name, "desktop", commands);
        }
        SendTabDevice device = new SendTabDevice(id, name, index, seal(accountId, sealed, keys), keyHash, null,
                stored.map(SendTabDevice::chosenName).orElse(null));
        tx.inTransaction(c -> {
            SendTabDevice.save(c, accountId, device);
            return null;
        });
        Log.infof("account %s: registered as device %s (Send Tab keys %s)", accountId, id, keys.fingerprint());
        return device;
    }

    private int fetch(Transactions tx, UUID accountId, String refreshToken, SendTabDevice device, PushKeys keys,
            Instant now) {
        long next = device.commandIndex() + 1;
        int added = 0;
        Map<String, String> names = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            CommandPage page = devices.commands(refreshToken, next, DeviceClient.MAX_LIMIT);
            if (page.messages().isEmpty()) {
                if (pages == 0) {
                    tx.inTransaction(c -> {
                        SendTabDevice.fetched(c, accountId, now);
                        return null;
                    });
                }
                break;
            }
            if (names == null) {
                names = deviceNames(refreshToken);
            }
            List<InboxWriter.ReceivedTab> tabs = new ArrayList<>();
            long highest = next - 1;
            for (PendingCommand m : page.messages()) {
                highest = Math.max(highest, m.index());
                if (!SendTabCodec.COMMAND.equals(m.command())) {
                    continue;
                }
                try {
                    SendTabPayload p = SendTabCodec.decrypt(m.payload(), keys);
                    tabs.add(new InboxWriter.ReceivedTab(m.index(), p.current().url(), p.current().title(), m.sender(),
                            m.sender() == null ? null : names.get(m.sender())));
                } catch (CryptoException e) {
                    // Encrypted to keys we no longer have, or not for us: nothing to show, but never fetched again.
                    Log.warnf("account %s: command %d not readable (%s)", accountId, m.index(), e.problem());
                }
            }
            long done = highest;
            added += tx.inTransaction(c -> InboxWriter.write(c, accountId, device.deviceId(), tabs, done, now));
            next = highest + 1;
            if (page.last()) {
                break;
            }
        }
        return added;
    }

    private Map<String, String> deviceNames(String refreshToken) {
        Map<String, String> names = new HashMap<>();
        try {
            for (RemoteDevice d : devices.devices(refreshToken)) {
                names.put(d.id(), d.name());
            }
        } catch (FxaException e) {
            // Names are a nicety: the tabs are stored without them.
        }
        return names;
    }

    private Optional<PushKeys> tryOpen(UUID accountId, SealedAccountSecrets sealed, SendTabDevice d) {
        try {
            return Optional.of(openKeys(accountId, sealed, d.sealedKeys()));
        } catch (SecretDecryptionException | CryptoException e) {
            // The account's data key changed (linked again): the old keys are gone, new ones get published.
            return Optional.empty();
        }
    }

    private PushKeys openKeys(UUID accountId, SealedAccountSecrets sealed, byte[] sealedKeys) {
        byte[] clear = sealer.open(accountId, sealed, KEYS_FIELD, sealedKeys);
        try {
            return PushKeys.of(Arrays.copyOfRange(clear, 0, 32), Arrays.copyOfRange(clear, 32, 97), Arrays
                    .copyOfRange(clear, 97, 113));
        } finally {
            Bytes.wipe(clear);
        }
    }

    private byte[] seal(UUID accountId, SealedAccountSecrets sealed, PushKeys keys) {
        byte[] priv = keys.privateScalar();
        byte[] auth = keys.authSecret();
        byte[] clear = ByteBuffer.allocate(113).put(priv).put(keys.publicKey()).put(auth).array();
        try {
            return sealer.seal(accountId, sealed, KEYS_FIELD, clear);
        } finally {
            Bytes.wipe(priv, auth, clear);
        }
    }

    static ScopedKey oldsync(SyncCredentials c) {
        // ScopedKey keeps the array it is given, so this copy is not wiped here.
        return new ScopedKey(SyncKeyDerivation.OLDSYNC_SCOPE, c.syncKeys().toKSync(), c.keyId());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
