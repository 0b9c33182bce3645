package io.fxhome.sandbox;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.crypto.Hmacs;
import io.fxhome.sandbox.crypto.PasswordVerifier;
import io.fxhome.sandbox.crypto.QuickStretch;
import io.fxhome.sandbox.crypto.SyncKeys;
import io.fxhome.sandbox.crypto.Totp;
import io.fxhome.sandbox.devices.Device;
import io.fxhome.sandbox.devices.DeviceRegistry;
import io.fxhome.sandbox.devices.FirefoxDevice;
import io.fxhome.sandbox.faults.FaultPlan;
import io.fxhome.sandbox.faults.Faults;
import io.fxhome.sandbox.firefox.SimulatedFirefox;
import io.fxhome.sandbox.fxa.Account;
import io.fxhome.sandbox.fxa.EmailOutbox;
import io.fxhome.sandbox.fxa.ForgedKeysJweKids;
import io.fxhome.sandbox.fxa.FxaTokens;
import io.fxhome.sandbox.fxa.OAuthTokens;
import io.fxhome.sandbox.fxa.OutboxEmail;
import io.fxhome.sandbox.fxa.UnblockCodes;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.GeneratedProfile;
import io.fxhome.sandbox.generator.ProfileGenerator;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sandbox.generator.Randoms;
import io.fxhome.sandbox.generator.SkipReason;
import io.fxhome.sandbox.hawk.HawkVerifier;
import io.fxhome.sandbox.secrets.IssuedSecretLog;
import io.fxhome.sandbox.storage.UserStorage;
import io.fxhome.sandbox.storage.UserStorages;
import io.fxhome.sandbox.tokenserver.SyncUser;
import io.fxhome.sandbox.tokenserver.TokenEpochs;
import io.fxhome.sandbox.tokenserver.TokenMinter;

/**
 * The sandbox's state and its Java admin API, for tests and the demo: accounts (FxA side), the tokenserver's users,
 * storage per uid, the simulated Firefox that writes each account's data, and the fault plans. Thread-safe; no
 * framework needed. {@link SandboxEndpoints} mounts the three services and the admin API on a router, handing each
 * route class the parts below that it works on.
 */
public final class Sandbox {
    private static final Logger LOG = System.getLogger(Sandbox.class.getName());

    final SandboxOptions options;
    final SecureRandom random = new SecureRandom();
    final UserStorages storages = new UserStorages();
    final SandboxAccounts accounts = new SandboxAccounts(storages);
    final TokenEpochs tokenEpochs = new TokenEpochs();
    final FxaTokens fxaTokens = new FxaTokens(random);
    final OAuthTokens oauthTokens = new OAuthTokens(random);
    final EmailOutbox outbox = new EmailOutbox();
    final Faults faults = new Faults();
    final IssuedSecretLog issued = new IssuedSecretLog();
    final UnblockCodes unblockCodes = new UnblockCodes(random);
    final ForgedKeysJweKids forgedKids = new ForgedKeysJweKids();
    final DeviceRegistry devices = new DeviceRegistry(random);
    final TokenMinter minter;
    final HawkVerifier fxaHawk;
    final HawkVerifier storageHawk;
    private volatile DemoAccount demo;
    /** The tab "another Firefox" of the demo account sends fxhome once fxhome registers as its device. */
    public static final String DEMO_TAB_URL = "https://support.mozilla.org/kb/send-tab-other-devices";
    public static final String DEMO_TAB_TITLE = "Sent from another Firefox: how Send Tab works";

    public Sandbox(SandboxOptions options) {
        this.options = options;
        this.minter = new TokenMinter(options.masterSecret());
        this.fxaHawk = new HawkVerifier(options.hawkSkewSeconds());
        this.storageHawk = new HawkVerifier(options.hawkSkewSeconds());
        if (options.demoAccount()) {
            long started = System.nanoTime();
            createAccount(NewAccount.of(options.demoEmail(), options.demoPassword())
                    .withProfile(ProfileSpec.medium(options.demoSeed())));
            demo = new DemoAccount(options.demoEmail(), options.demoPassword());
            greetNewDevices(options.demoEmail(), DEMO_TAB_URL, DEMO_TAB_TITLE);
            LOG.log(Level.INFO, "demo account {0} ready in {1} ms", options.demoEmail(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    // ------------------------------------------------------------------ accounts

    public AccountInfo createAccount(NewAccount spec) {
        if (accounts.taken(spec.email())) {
            throw new IllegalStateException("account exists: " + spec.email());
        }
        SplittableRandom r = spec.seed() == null ? null : Randoms.stream(spec.seed(), "account", 0);
        byte[] authSalt = bytes(r, 32);
        byte[] kA = bytes(r, 32);
        byte[] wrapKB = bytes(r, 32);
        String uid = Hex.encode(bytes(r, 16));
        byte[] totp = spec.verification() == VerificationMode.TOTP_2FA ? bytes(r, 20) : null;
        long now = now();

        byte[] kB;
        Account account;
        if (spec.passwordVersion() == 0) {
            kB = wrapKB;
            account = Account.withoutPassword(uid, spec.email(), kA, kB, now, spec.verification(), totp);
        } else {
            QuickStretch qs = QuickStretch.of(spec.email(), spec.password());
            PasswordVerifier.Stretched stretched = PasswordVerifier.stretch(qs.authPW(), authSalt, options.scryptN());
            kB = Hmacs.xor(wrapKB, qs.unwrapBKey());
            account = new Account(uid, spec.email(), PasswordVerifier.fromStretch(authSalt, options.scryptN(),
                    stretched), kA, Hmacs.xor(wrapKB, stretched.wrapwrapKey()), now, now, spec.verification(), totp);
            if (spec.passwordVersion() == 2) {
                // A v2 account holds both credentials, each wrapping the same kB (account.ts createAccount).
                String clientSalt = QuickStretch.V2_SALT_PREFIX + Hex.encode(bytes(r, 16));
                QuickStretch v2 = QuickStretch.v2(clientSalt, spec.password());
                PasswordVerifier.Stretched s2 = PasswordVerifier.stretch(v2.authPW(), authSalt, options.scryptN());
                byte[] wrapKbVersion2 = Hmacs.xor(kB, v2.unwrapBKey());
                account.addVersion2(clientSalt, PasswordVerifier.fromStretch(authSalt, options.scryptN(), s2),
                        Hmacs.xor(wrapKbVersion2, s2.wrapwrapKey()));
            }
        }

        UserStorage storage = storages.create();
        SyncUser user = new SyncUser(uid, storage.uid(), now, now, SyncKeys.clientStateHex(kB));
        long seed = spec.seed() != null ? spec.seed() : random.nextLong();
        List<String> perCollection = spec.profile() == null ? List.of("bookmarks")
                : spec.profile().perCollectionKeys();
        SimulatedFirefox firefox = new SimulatedFirefox(kB, seed, perCollection);
        if (spec.profile() != null) {
            GeneratedProfile profile = ProfileGenerator.generate(spec.profile());
            firefox.uploadProfile(profile, storage, now);
        }
        if (!accounts.reserve(spec.email(), uid)) {
            storages.remove(storage.uid());
            throw new IllegalStateException("account exists: " + spec.email());
        }
        AccountState state = new AccountState(account, user, firefox);
        devices.addFirefox(uid, SyncKeys.kSync(kB), SyncKeys.clientState(kB), now);
        accounts.add(state);
        issued.record(uid, IssuedSecretLog.Kind.KB, Hex.encode(kB));
        return info(state);
    }

    private byte[] bytes(SplittableRandom r, int n) {
        if (r != null) {
            return Randoms.bytes(r, n);
        }
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    public Optional<AccountInfo> account(String email) {
        return accounts.stateByEmail(email).map(this::info);
    }

    public List<AccountInfo> accounts() {
        List<AccountInfo> out = new ArrayList<>();
        accounts.all().forEach(s -> out.add(info(s)));
        out.sort(Comparator.comparing(AccountInfo::email));
        return out;
    }

    public void deleteAccount(String email) {
        AccountState s = require(email);
        accounts.remove(s);
        storages.remove(s.syncUser().uid());
        fxaTokens.destroyAllFor(s.account().uid());
        oauthTokens.destroyAllFor(s.account().uid());
        faults.forget(s.account().uid());
        issued.forget(s.account().uid());
        unblockCodes.forget(s.account().uid());
        forgedKids.forget(s.account().uid());
        devices.forget(s.account().uid());
    }

    // ------------------------------------------------------------------ devices and Send Tab

    /** The account's devices (fxhome's among them once it registered), as GET /v1/account/devices lists them. */
    public List<Device> devices(String email) {
        return devices.of(require(email).account().uid()).list(oauthTokens::refreshIdAlive);
    }

    /**
     * Removes a device as the user does in Firefox's settings ("Manage devices"): the record goes, and so does the
     * refresh token it was registered with.
     */
    public void removeDevice(String email, String deviceId) {
        devices.of(require(email).account().uid()).destroy(deviceId).ifPresentOrElse(d -> {
            if (d.refreshTokenId() != null) {
                oauthTokens.destroyRefreshById(d.refreshTokenId());
            }
        }, () -> {
            throw new NoSuchElementException("no device " + deviceId);
        });
    }

    /**
     * "Another Firefox" sends a tab: to {@code targetId}, or (when null) to the one other device that accepts
     * open-uri, the most recently registered. Returns the target's id and the command's index.
     */
    public SentTab firefoxSendTab(String email, String targetId, String url, String title) {
        String uid = require(email).account().uid();
        FirefoxDevice firefox = devices.firefox(uid);
        String target = targetId;
        if (target == null) {
            target = devices(email).stream()
                    .filter(d -> !d.id().equals(firefox.id()) && d.availableCommands().containsKey(
                            FirefoxDevice.OPEN_URI))
                    .max(Comparator.comparingLong(Device::createdAt)).map(Device::id)
                    .orElseThrow(() -> new IllegalStateException("no other device accepts open-uri"));
        }
        return new SentTab(target, firefox.sendTab(target, url, title, now()));
    }

    /**
     * From now on, the account's simulated Firefox sends this tab to each device when it first publishes open-uri
     * keys (fxhome's first sync registers its device: the tab is in its inbox after that sync). The demo account has
     * {@link #DEMO_TAB_URL}.
     */
    public void greetNewDevices(String email, String url, String title) {
        devices.greet(require(email).account().uid(), new DeviceRegistry.OpenTabGreeting(url, title));
    }

    /** How many times {@code deviceId} fetched its commands ({@code GET /v1/account/device/commands}). */
    public int commandFetches(String email, String deviceId) {
        return devices.of(require(email).account().uid()).fetches(deviceId);
    }

    /** The tabs sent to the simulated Firefox, decrypted with its own keys. */
    public List<FirefoxDevice.ReceivedTab> firefoxReceived(String email) {
        return devices.firefox(require(email).account().uid()).received(now());
    }

    /** The simulated Firefox's device id. */
    public String firefoxDeviceId(String email) {
        return devices.firefox(require(email).account().uid()).id();
    }

    /** Makes {@code newEmail} the primary address; sign-in still stretches with the original one (errno 120). */
    public void changePrimaryEmail(String email, String newEmail) {
        AccountState s = require(email);
        s.account().changePrimaryEmail(newEmail);
        accounts.addAddress(newEmail, s);
    }

    public Optional<DemoAccount> demoAccount() {
        return Optional.ofNullable(demo);
    }

    public CleartextTruth truth(String email) {
        return require(email).firefox().truth();
    }

    /**
     * The account's kB and every session, keyFetch, OAuth and storage token issued for it (latest ones): for tests
     * proving that the system under test never logs or stores them in the clear.
     */
    public IssuedSecrets issuedSecrets(String email) {
        Map<IssuedSecretLog.Kind, List<String>> kinds = issued.snapshot(require(email).account().uid());
        List<String> kb = kinds.get(IssuedSecretLog.Kind.KB);
        return new IssuedSecrets(kb.isEmpty() ? null : kb.getLast(), kinds.get(IssuedSecretLog.Kind.SESSION_TOKEN),
                kinds.get(IssuedSecretLog.Kind.KEY_FETCH_TOKEN), kinds.get(IssuedSecretLog.Kind.ACCESS_TOKEN),
                kinds.get(IssuedSecretLog.Kind.REFRESH_TOKEN), kinds.get(IssuedSecretLog.Kind.STORAGE_TOKEN_ID),
                kinds.get(IssuedSecretLog.Kind.STORAGE_TOKEN_KEY));
    }

    /**
     * Links {@code email} for offline Sync access by {@code clientId} as a verified password sign-in would, without
     * the sign-in: a refresh token for the oldsync scope (recorded like any other issued token), the account's kSync
     * and its X-KeyID. For benchmarks that link thousands of accounts; a sign-in's scrypt and four round trips measure
     * nothing they are after. Java only: the admin HTTP API has no such route.
     */
    public OfflineLink issueOfflineLink(String email, String clientId) {
        AccountState s = require(email);
        Account a = s.account();
        List<String> kb = issued.snapshot(a.uid()).get(IssuedSecretLog.Kind.KB);
        if (kb.isEmpty()) {
            throw new IllegalStateException("no kB recorded for " + email);
        }
        byte[] kB = Hex.decode(kb.getLast());
        String refresh = oauthTokens.issueRefreshToken(new OAuthTokens.RefreshToken(a.uid(), clientId,
                Set.of(SyncKeys.OLDSYNC_SCOPE), now()));
        issued.record(a.uid(), IssuedSecretLog.Kind.REFRESH_TOKEN, refresh);
        return new OfflineLink(a.uid(), a.primaryEmail(), clientId, refresh, SyncKeys.kSync(kB),
                SyncKeys.keyId(a.keysChangedAt(), kB));
    }

    public List<OutboxEmail> outbox(String email) {
        return outbox.to(email);
    }

    /** The code of the latest sign-in confirmation e-mail sent to this address. */
    public String latestEmailCode(String email) {
        List<OutboxEmail> mails = outbox.to(email);
        if (mails.isEmpty()) {
            throw new NoSuchElementException("no e-mail sent to " + email);
        }
        return mails.get(mails.size() - 1).code();
    }

    /**
     * Blocks (or unblocks) the account's sign-ins as "unfamiliar": {@code POST /v1/account/login} answers 400 errno
     * 125 with {@code verificationMethod: "email-captcha"} unless the body carries a valid {@code unblockCode} (sent
     * by {@code POST /v1/account/login/send_unblock_code}).
     */
    public void requireUnblockCode(String email, boolean required) {
        unblockCodes.require(require(email).account().uid(), required);
    }

    /** The code of the latest unblock-code e-mail ("unblockCode" template) sent to this address. */
    public String latestUnblockCode(String email) {
        List<OutboxEmail> mails = outbox.to(email).stream().filter(m -> m.template().equals("unblockCode")).toList();
        if (mails.isEmpty()) {
            throw new NoSuchElementException("no unblock code sent to " + email);
        }
        return mails.get(mails.size() - 1).code();
    }

    /**
     * Test hook for the security test: the next /authorization completion for this account puts {@code kid} and a
     * random 64-byte {@code k} in {@code keys_jwe}, as a malicious browser could (production's servers pass keys_jwe
     * through unread).
     */
    public void forgeNextKeysJweKid(String email, String kid) {
        forgedKids.forge(require(email).account().uid(), kid);
    }

    public String currentTotpCode(String email) {
        byte[] secret = require(email).account().totpSecret();
        if (secret == null) {
            throw new IllegalStateException("account has no TOTP");
        }
        return Totp.code(secret, options.clock().instant());
    }

    /** The storage currently serving the account. */
    public UserStorage storage(String email) {
        return storages.byUid(require(email).syncUser().uid());
    }

    // ------------------------------------------------------------------ faults

    private FaultPlan plan(String emailOrNull) {
        return emailOrNull == null ? faults.global() : faults.account(require(emailOrNull).account().uid());
    }

    /** The next {@code count} storage answers (of this account, or of anyone when null) are 503 + Retry-After. */
    public void storageUnavailable(String emailOrNull, int count, int retryAfterSeconds) {
        plan(emailOrNull).storageUnavailable.arm(count, retryAfterSeconds);
    }

    public void tokenserverUnavailable(String emailOrNull, int count, int retryAfterSeconds) {
        plan(emailOrNull).tokenserverUnavailable.arm(count, retryAfterSeconds);
    }

    /** The next {@code count} storage answers carry {@code X-Weave-Backoff: seconds}. */
    public void backoff(String emailOrNull, int count, int seconds) {
        plan(emailOrNull).backoff.arm(count, seconds);
    }

    /**
     * The next {@code count} storage answers send their headers and the first {@code afterBytes} bytes of their body,
     * then nothing more: the connection stays open and silent until the client gives up.
     */
    public void stallBody(String emailOrNull, int count, int afterBytes) {
        plan(emailOrNull).stallBody.arm(count, Math.max(0, afterBytes));
    }

    /** The tokenserver names {@code endpoint} as the storage endpoint until faults are cleared (null: stop). */
    public void storageEndpoint(String emailOrNull, String endpoint) {
        plan(emailOrNull).storageEndpoint(endpoint);
    }

    /** The next {@code count} tokenserver answers carry {@code X-Backoff: seconds} (a 503 as well). */
    public void tokenserverBackoff(String emailOrNull, int count, int seconds) {
        plan(emailOrNull).tokenserverBackoff.arm(count, seconds);
    }

    /** How many requests of this account reached the tokenserver and the storage nodes so far. */
    public int upstreamCalls(String email) {
        return faults.calls(require(email).account().uid());
    }

    /** Every answer (FxA, tokenserver, storage) is delayed by this many ms; 0 stops it. */
    public void latency(String emailOrNull, long millis) {
        plan(emailOrNull).latencyMillis(millis);
    }

    /** The next {@code count} calls of invoke_command answer 429 errno 114 with retryAfter (customs blocked). */
    public void throttleInvokeCommand(String emailOrNull, int count, int retryAfterSeconds) {
        plan(emailOrNull).invokeThrottled.arm(count, retryAfterSeconds);
    }

    /** The target of the next {@code count} calls of invoke_command drops its commands just before (errno 157). */
    public void invokeRacesCommandRemoval(String emailOrNull, int count) {
        plan(emailOrNull).invokeRacesCommandRemoval.arm(count, 0);
    }

    /** The next {@code count} sign-ins answer 429 errno 114 with retryAfter. */
    public void throttleSignIn(String emailOrNull, int count, int retryAfterSeconds) {
        plan(emailOrNull).signInThrottled.arm(count, retryAfterSeconds);
    }

    /** The next {@code count} sign-ins answer 400 errno 125 (request blocked). */
    public void blockSignIn(String emailOrNull, int count) {
        plan(emailOrNull).signInBlocked.arm(count, 0);
    }

    /**
     * The next {@code count} sign-ins ({@code POST /v1/account/login}) answer HTTP 406 with an HTML/JavaScript
     * challenge page, as the bot protection in front of production does.
     */
    public void challengeSignIn(String emailOrNull, int count) {
        plan(emailOrNull).signInChallenged.arm(count, 0);
    }

    /** The next {@code count} auth-server answers are 503 errno 201 with retryAfter. */
    public void fxaUnavailable(String emailOrNull, int count, int retryAfterSeconds) {
        plan(emailOrNull).fxaUnavailable.arm(count, retryAfterSeconds);
    }

    public void clearFaults(String emailOrNull) {
        if (emailOrNull == null) {
            faults.clearAll();
        } else {
            plan(emailOrNull).clear();
        }
    }

    /** Every token issued so far stops working at the storage (401) until the client fetches a new one. */
    public void expireTokens(String email) {
        require(email).syncUser().expireTokens();
    }

    /**
     * Moves the account to a new storage uid on the other node; the tokenserver hands out the new endpoint and the
     * old one answers 401. The new storage is empty unless {@code copyData}.
     */
    public AccountInfo reassignNode(String email, boolean copyData) {
        AccountState s = require(email);
        synchronized (s.syncUser()) {
            UserStorage fresh = storages.create();
            UserStorage old = storages.byUid(s.syncUser().uid());
            if (copyData && old != null) {
                fresh.copyFrom(old);
            } else {
                s.firefox().forgetServerState();
            }
            s.syncUser().reassign(fresh.uid());
            if (old != null) {
                storages.remove(old.uid());
            }
        }
        return info(s);
    }

    /** Server wipe: new global syncID and keys; the data re-uploaded by a fresh Firefox, or the storage left empty. */
    public void wipeServer(String email, boolean reupload) {
        AccountState s = require(email);
        s.firefox().wipe(storages.byUid(s.syncUser().uid()), reupload, now());
    }

    /** New bulk keys in crypto/keys, every record re-encrypted with them. */
    public void rotateKeys(String email) {
        AccountState s = require(email);
        s.firefox().rotateKeys(storages.byUid(s.syncUser().uid()), now());
    }

    public String injectBadHmacRecord(String email, String collection) {
        AccountState s = require(email);
        return s.firefox().injectCorrupt(storages.byUid(s.syncUser().uid()), collection, SkipReason.BAD_HMAC, now());
    }

    public String injectNotJsonRecord(String email, String collection) {
        AccountState s = require(email);
        return s.firefox().injectCorrupt(storages.byUid(s.syncUser().uid()), collection, SkipReason.NOT_JSON, now());
    }

    // ------------------------------------------------------------------ records "as another Firefox"

    /** Adds or changes a record (cleartext without an id gets a new one); returns the id. */
    public String upsertRecord(String email, String collection, ObjectNode cleartext) {
        AccountState s = require(email);
        return s.firefox().upsert(storages.byUid(s.syncUser().uid()), collection, cleartext, now());
    }

    /**
     * Another Firefox changes its open tabs: the device's tabs record is replaced as Firefox desktop uploads it after a
     * tab change (its name, each tab's title, URL history and last use in seconds, most recent first). The timeline a
     * series of these builds is what the tab-timeline tests read back.
     */
    public String replaceTabs(String email, String clientId, String clientName, List<OpenTab> tabs) {
        ObjectNode record = io.fxhome.sandbox.http.Json.object().put("id", clientId).put("clientName", clientName);
        var list = record.putArray("tabs");
        long lastUsed = now() / 1000;
        for (OpenTab t : tabs) {
            ObjectNode tab = list.addObject().put("title", t.title());
            tab.putArray("urlHistory").add(t.url());
            tab.putNull("icon");
            tab.put("lastUsed", lastUsed--);
        }
        return upsertRecord(email, "tabs", record);
    }

    /** Deletes a record by uploading a tombstone {@code {"id","deleted":true}}. */
    public void deleteRecord(String email, String collection, String id) {
        AccountState s = require(email);
        s.firefox().delete(storages.byUid(s.syncUser().uid()), collection, id, now());
    }

    /** Removes a record from the server without a tombstone (as tabs and clients records disappear). */
    public void purgeRecord(String email, String collection, String id) {
        AccountState s = require(email);
        s.firefox().purge(storages.byUid(s.syncUser().uid()), collection, id, now());
    }

    // ------------------------------------------------------------------ internals

    private long now() {
        return options.clock().millis();
    }

    private AccountState require(String email) {
        return accounts.stateByEmail(email).orElseThrow(() -> new NoSuchElementException("no account " + email));
    }

    private AccountInfo info(AccountState s) {
        Account a = s.account();
        SyncUser u = s.syncUser();
        byte[] secret = a.totpSecret();
        String path = (u.onNode2() ? "/node2" : "") + "/1.5/" + u.uid();
        String cs = u.clientState();
        String kid = a.keysChangedAt() + "-" + Base64s.urlNoPad(Hex.decode(cs));
        return new AccountInfo(a.primaryEmail(), a.saltEmail(), a.uid(), a.verificationMode(),
                secret == null ? null : Totp.base32Encode(secret), u.uid(), u.onNode2(), path, a.keysChangedAt(), kid,
                cs, a.passwordVersion(), a.clientSalt(), unblockCodes.required(a.uid()));
    }
}
