package io.fxhome.web.sendtab;

import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.secrets.AccountSecrets;
import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.ScopedKey;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.devices.CommandKeysBundle;
import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.sync.devices.PublicCommandKeys;
import io.fxhome.sync.devices.RemoteDevice;
import io.fxhome.sync.devices.SendTabCodec;
import io.fxhome.sync.devices.SendTabPayload;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.web.account.AccountRepository;
import io.fxhome.web.problem.Problem;
import io.quarkus.logging.Log;

/**
 * Sends a page to one of the account's devices as Mozilla's reference client does (application-services fxa-client
 * {@code send_single_tab}): list the devices, find the target, open its published keys with the oldsync key, encrypt
 * a one-entry payload to them (RFC 8291) and {@code POST /v1/account/devices/invoke_command} without a ttl (the
 * server's default for open-uri: 30 days). The account's refresh token and kSync are opened only for the call and
 * never logged; neither is the page.
 */
@ApplicationScoped
public class TabSender {
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-fA-F]{32}");
    /**
     * The largest cleartext fxhome sends: one aes128gcm record of 4096 less its tag and delimiter. Mozilla's Rust
     * clients (Firefox for Android and iOS) decrypt single-record messages only (rc_crypto's ece).
     */
    static final int MAX_CLEARTEXT = 4096 - 16 - 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository accounts;
    private final DeviceCredentials credentials;
    private final DeviceClient devices;
    private final SentTabs sent;
    private final SendTabConfig config;
    private final SendTabCodec codec = new SendTabCodec(RANDOM);

    TabSender(AccountRepository accounts, DeviceCredentials credentials, DeviceClient devices, SentTabs sent,
            SendTabConfig config) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.devices = devices;
        this.sent = sent;
        this.config = config;
    }

    /** What was sent: the target, and whether the title had to be shortened to fit one record. */
    public record Sent(SendableDevice device, boolean titleShortened) {
    }

    /** The account's devices that take tabs, fxhome's own left out, most recently active first. */
    public List<SendableDevice> targets(UUID accountId) {
        AccountSecrets secrets = credentials.open(accountId);
        try {
            return sendable(accountId, devices.devices(secrets.refreshToken())).stream().map(TabSender::view)
                    .toList();
        } catch (SyncException e) {
            throw refused(accountId, "listing devices", e);
        }
    }

    /**
     * Sends {@code url} (with {@code title}) to {@code deviceId}.
     *
     * @throws Problem a 400 for a page fxhome does not send, 429 past the account's limit, or Mozilla's refusal
     */
    public Sent send(UUID accountId, String deviceId, String url, String title) {
        SendableUrl.require(url);
        String cleanTitle = title == null ? "" : title.strip();
        // No title longer than a record could hold is worth shortening step by step (each step encodes the payload).
        String fitTitle = cleanTitle.codePointCount(0, cleanTitle.length()) > MAX_CLEARTEXT
                ? cleanTitle.substring(0, cleanTitle.offsetByCodePoints(0, MAX_CLEARTEXT))
                : cleanTitle;
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw SendTabProblems.unknownDevice();
        }
        // Built before a slot of the limit is taken: a page that cannot fit costs nothing.
        SendTabPayload payload = payload(fitTitle, url);
        // Secrets before the limit: an account that must sign in again spends nothing.
        AccountSecrets secrets = credentials.open(accountId);
        sent.take(accountId).ifPresent(wait -> {
            throw SendTabProblems.rateLimited(wait, config.perWindow(), config.window());
        });
        try {
            RemoteDevice target = sendable(accountId, devices.devices(secrets.refreshToken())).stream()
                    .filter(d -> d.id().equalsIgnoreCase(deviceId)).findFirst()
                    .orElseThrow(SendTabProblems::unknownDevice);
            PublicCommandKeys keys = CommandKeysBundle.open(target.availableCommands().get(SendTabCodec.COMMAND),
                    oldsync(secrets));
            devices.invoke(secrets.refreshToken(), target.id(), SendTabCodec.COMMAND, codec.encrypt(keys, payload));
            Log.infof("account %s: sent a tab to device %s", accountId, target.id());
            return new Sent(view(target), !payload.current().title().equals(cleanTitle));
        } catch (SyncException e) {
            throw refused(accountId, "sending a tab", e);
        }
    }

    /** The payload, its title shortened until it fits one record (the address is never cut). */
    static SendTabPayload payload(String title, String url) {
        SendTabPayload whole = SendTabPayload.singleTab(title, url, RANDOM);
        if (fits(whole)) {
            return whole;
        }
        if (!fits(SendTabPayload.singleTab("", url, RANDOM))) {
            throw SendableUrl.notSendable("This address is too long to send to a device (a tab must fit in "
                    + MAX_CLEARTEXT + " bytes).");
        }
        // The longest prefix of the title, in whole code points, that fits (binary search: the size only grows).
        int[] points = title.codePoints().toArray();
        int lo = 0;
        int hi = points.length;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fits(SendTabPayload.singleTab(new String(points, 0, mid), url, RANDOM))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return SendTabPayload.singleTab(new String(points, 0, lo), url, RANDOM);
    }

    private static boolean fits(SendTabPayload p) {
        byte[] json = p.toJsonBytes();
        try {
            return json.length <= MAX_CLEARTEXT;
        } finally {
            Bytes.wipe(json);
        }
    }

    private List<RemoteDevice> sendable(UUID accountId, List<RemoteDevice> all) {
        Optional<String> own = accounts.sendTabDeviceId(accountId);
        return all.stream().filter(RemoteDevice::acceptsTabs).filter(d -> !d.isCurrentDevice())
                .filter(d -> own.map(id -> !id.equalsIgnoreCase(d.id())).orElse(true))
                .sorted(Comparator.comparingLong(RemoteDevice::lastAccessTime).reversed()
                        .thenComparing(RemoteDevice::name))
                .toList();
    }

    private static SendableDevice view(RemoteDevice d) {
        return new SendableDevice(d.id(), d.name(), d.type(), d.lastAccessTime() > 0 ? d.lastAccessTime() : null);
    }

    private static ScopedKey oldsync(AccountSecrets secrets) {
        return new ScopedKey(SyncKeyDerivation.OLDSYNC_SCOPE, secrets.syncKeyBundle(), secrets.keyId());
    }

    private static Problem refused(UUID accountId, String what, SyncException e) {
        Problem p = SendTabProblems.of(e);
        // Kind, status and errno only: never a token, a key or the page.
        if (e instanceof FxaException fxa) {
            Log.infof("account %s: %s refused (%s, status %d, errno %d)", accountId, what, fxa.kind(), fxa.httpStatus(),
                    fxa.errno());
        } else {
            Log.infof("account %s: %s failed (%s)", accountId, what, e.getClass().getSimpleName());
        }
        return p;
    }
}
