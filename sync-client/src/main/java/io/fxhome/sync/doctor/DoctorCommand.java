package io.fxhome.sync.doctor;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.client.SyncClientConfig;
import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.PendingSignIn;
import io.fxhome.sync.fxa.SignInResult;
import io.fxhome.sync.fxa.VerificationMethod;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.http.HttpTransport;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.DownloadResult;
import io.fxhome.sync.storage.InfoCollections;
import io.fxhome.sync.storage.MetaGlobal;
import io.fxhome.sync.storage.RecordSink;
import io.fxhome.sync.storage.ServerTimestamp;
import io.fxhome.sync.storage.SkipReason;
import io.fxhome.sync.token.SyncToken;

/**
 * {@code ./fxhome doctor --email E --password-file F [--dump DIR]}: checks a Firefox Sync account end to end with
 * the production client code (sign in, verify, link, token, info/collections, info/collection_counts, meta/global,
 * crypto/keys, then download and decrypt the collections fxhome mirrors) and prints one JSON report on stdout.
 *
 * <p>
 * It takes only what fxhome uses: {@value #MIRRORED_LIST} are downloaded, decrypted and (with {@code --dump})
 * written; every other collection (passwords, credit cards, addresses, form history, ...) is only counted, from
 * {@code info/collection_counts}, and never fetched, decrypted or written.
 *
 * <p>
 * Codes are asked for on the terminal (prompts on stderr). Upstreams come from {@code FXHOME_FXA_AUTH_URL} and
 * {@code FXHOME_SYNC_TOKENSERVER_URL} (Mozilla production by default), and {@code FXHOME_FXA_TOKEN_AUTH}
 * ({@code bearer} by default, {@code hawk} for auth servers without the Bearer form). Exit 0 only when every step
 * worked; 1 when one failed; 2 for usage errors. The refresh token it obtains is revoked at the end, so the doctor
 * leaves no OAuth grant behind.
 */
public final class DoctorCommand {
    static final String USAGE = "usage: fxhome doctor --email EMAIL --password-file FILE [--dump DIR]";
    private static final int MAX_SKIPPED_IDS = 100;
    /** The collections fxhome mirrors, in the order the worker syncs them; the only ones the doctor downloads. */
    static final List<String> MIRRORED = List.of("clients", "tabs", "bookmarks", "history");
    static final String MIRRORED_LIST = "clients, tabs, bookmarks and history";

    private final Map<String, String> env;
    private final Terminal terminal;
    private final PrintStream out;
    private final PrintStream err;

    public DoctorCommand(Map<String, String> env, BufferedReader in, PrintStream out, PrintStream err) {
        this.env = env;
        this.terminal = new Terminal(in, err);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new DoctorCommand(System.getenv(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out, System.err)
                .run(args);
        System.exit(code);
    }

    /** Runs the checks. @return the exit code */
    public int run(String[] args) {
        Options options;
        String password;
        try {
            options = Options.parse(args);
            password = readPassword(options.passwordFile());
        } catch (IllegalArgumentException e) {
            err.println("fxhome doctor: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        URI authUrl = URI.create(env.getOrDefault("FXHOME_FXA_AUTH_URL", FxaConfig.DEFAULT_AUTH_URL.toString()));
        URI tokenserverUrl = URI.create(env.getOrDefault("FXHOME_SYNC_TOKENSERVER_URL",
                SyncClientConfig.DEFAULT_TOKENSERVER_URL.toString()));
        FxaConfig fxaConfig;
        try {
            fxaConfig = FxaConfig.production().withAuthUrl(authUrl)
                    .withUserAgent("fxhome-doctor/0.1 (self-hosted Firefox Sync mirror)")
                    .withTokenAuth(FxaConfig.TokenAuth.parse(env.getOrDefault("FXHOME_FXA_TOKEN_AUTH", "bearer")));
        } catch (IllegalArgumentException e) {
            err.println("fxhome doctor: FXHOME_FXA_TOKEN_AUTH: " + e.getMessage());
            return 2;
        }
        SyncClientConfig config = SyncClientConfig.production().withFxa(fxaConfig).withTokenserverUrl(tokenserverUrl)
                .withUserAgent(fxaConfig.userAgent());
        HttpTransport http = HttpTransport.create(fxaConfig.userAgent());
        FxaClient fxa = new FxaClient(fxaConfig, http, HawkSigner.systemDefault(), Clock.systemUTC());
        DoctorReport report = new DoctorReport(fxaConfig.authUrl().toString(), tokenserverUrl.toString());

        LinkedAccount linked = null;
        SyncClient client = null;
        try {
            linked = link(fxa, options.email(), password, report);
            if (linked != null) {
                client = SyncClient.builder(config, linked.credentials()).http(http).fxaClient(fxa)
                        .accessToken(linked.accessToken()).build();
                readAccount(client, options.dumpDir(), report);
            }
        } finally {
            report.backoff(client == null ? null : client.backoffUntil().map(Object::toString).orElse(null));
            if (linked != null) {
                String refreshToken = linked.credentials().refreshToken();
                String clientId = linked.credentials().clientId();
                timed(report, "revoke_refresh_token", () -> {
                    fxa.destroy(refreshToken, clientId);
                    return "ok";
                }, (d, r) -> {
                });
            }
            out.println(report.render());
            out.flush();
        }
        return report.ok() ? 0 : 1;
    }

    private LinkedAccount link(FxaClient fxa, String email, String password, DoctorReport report) {
        SignInResult result = timed(report, "sign_in", () -> fxa.signIn(email, password), (d, r) -> {
            d.put("verified", r instanceof SignInResult.SignedIn);
            if (r instanceof SignInResult.VerificationRequired) {
                d.put("verification_method", ((SignInResult.VerificationRequired) r).method().wireName());
            }
        });
        if (result == null) {
            return null;
        }
        PendingSignIn pending = result.pending();
        if (result instanceof SignInResult.VerificationRequired) {
            VerificationMethod method = ((SignInResult.VerificationRequired) result).method();
            terminal.say(method.nextStep());
            Boolean verified = timed(report, "verify_session", () -> verify(fxa, pending, method),
                    (d, r) -> d.put("method", method.wireName()));
            if (verified == null) {
                pending.forget();
                return null;
            }
        }
        LinkedAccount linked = timed(report, "link", () -> fxa.completeLink(pending), (d, r) -> {
            d.put("key_rotation_timestamp", r.credentials().keyRotationTimestamp());
            d.put("sync_key_fingerprint", r.credentials().syncKeys().fingerprint());
        });
        if (linked == null) {
            pending.forget();
        }
        return linked;
    }

    private Boolean verify(FxaClient fxa, PendingSignIn pending, VerificationMethod method) {
        switch (method) {
            case EMAIL_OTP:
            case EMAIL_2FA:
                fxa.verifyEmailCode(pending, requireAnswer(terminal.ask("Code from the email:")));
                return true;
            case TOTP_2FA:
                fxa.verifyTotp(pending, requireAnswer(terminal.ask("Authenticator code:")));
                return true;
            default:
                terminal.ask("Press Enter once the sign-in is confirmed.");
                if (!fxa.sessionStatus(pending).verified()) {
                    throw new IllegalStateException("the session is still unverified");
                }
                return true;
        }
    }

    private static String requireAnswer(String answer) {
        if (answer == null || answer.isEmpty()) {
            throw new IllegalStateException("no code entered");
        }
        return answer;
    }

    private void readAccount(SyncClient client, Path dumpDir, DoctorReport report) {
        SyncToken token = timed(report, "token", client::token, (d, t) -> {
            d.put("storage_host", t.apiEndpoint().getHost());
            d.put("storage_uid", t.uid());
            d.put("duration_s", t.durationSeconds());
        });
        if (token == null) {
            return;
        }
        InfoCollections info = timed(report, "info_collections", () -> client.infoCollections(null).orElseThrow(),
                (d, i) -> {
                    ObjectNode colls = d.putObject("collections");
                    i.collections().forEach((name, ts) -> colls.put(name, ts.text()));
                    d.put("last_modified", i.lastModified().text());
                });
        if (info == null) {
            return;
        }
        Map<String, Long> counts = timed(report, "collection_counts", client::collectionCounts, (d, c) -> {
            ObjectNode n = d.putObject("counts");
            c.forEach(n::put);
        });
        for (String collection : info.collections().keySet()) {
            if (!MIRRORED.contains(collection) && !collection.equals("crypto") && !collection.equals("meta")) {
                ObjectNode summary = report.collection(collection).put("mirrored", false);
                Long count = counts == null ? null : counts.get(collection);
                if (count == null) {
                    summary.putNull("records");
                } else {
                    summary.put("records", count);
                }
            }
        }
        Optional<MetaGlobal> meta = timed(report, "meta_global", client::metaGlobal, (d, m) -> m.ifPresent(g -> {
            d.put("storage_version", g.storageVersion());
            ObjectNode engines = d.putObject("engines");
            g.engines().forEach((name, e) -> engines.put(name, e.version()));
            ArrayNode declined = d.putArray("declined");
            g.declined().forEach(declined::add);
        }));
        if (meta == null) {
            return;
        }
        if (meta.isEmpty()) {
            report.lastStepOutcome("no_data", "no Sync data yet (meta/global is absent)");
            return;
        }
        Optional<CollectionKeys> keys = timed(report, "crypto_keys", client::collectionKeys, (d, k) -> k.ifPresent(c -> {
            d.put("default_fingerprint", c.defaultKeys().fingerprint());
            ArrayNode overrides = d.putArray("collection_overrides");
            c.collections().keySet().forEach(overrides::add);
        }));
        if (keys == null) {
            return;
        }
        if (keys.isEmpty()) {
            report.lastStepOutcome("no_data", "no usable Sync data (crypto/keys is absent)");
            return;
        }
        // Only what fxhome mirrors is downloaded and decrypted; the rest was counted above and is never fetched.
        for (String collection : MIRRORED) {
            if (info.collections().containsKey(collection)) {
                download(client, collection, keys.get(), dumpDir, report);
            }
        }
    }

    private void download(SyncClient client, String collection, CollectionKeys keys, Path dumpDir,
            DoctorReport report) {
        ObjectNode summary = report.collection(collection).put("mirrored", true);
        ArrayNode skippedIds = summary.putArray("skipped");
        try (DumpingSink sink = new DumpingSink(dumpDir == null ? null : dumpDir.resolve(collection + ".jsonl"),
                skippedIds)) {
            DownloadResult r = timed(report, "download:" + collection,
                    () -> client.download(collection, (ServerTimestamp) null, keys, sink), (d, res) -> {
                        d.put("records", res.records());
                        d.put("skipped", res.skipped());
                    });
            if (r == null) {
                summary.put("error", true);
                return;
            }
            summary.put("records", r.records());
            summary.put("tombstones", r.tombstones());
            summary.put("skipped_count", r.skipped());
            ObjectNode reasons = summary.putObject("skipped_by_reason");
            r.skippedByReason().forEach((reason, n) -> reasons.put(reason.name(), n));
            summary.put("pages", r.pages());
            summary.put("restarts", r.restarts());
            summary.put("last_modified", r.lastModified().text());
            if (r.skipped() > 0) {
                // Records that do not verify or parse mean the account does not fully work: say so, exit non-zero.
                report.lastStepOutcome("partial", r.skipped() + " records could not be used");
            }
        }
    }

    /** Runs a step, records its outcome and time; returns null when it failed (already reported). */
    private static <T> T timed(DoctorReport report, String name, Supplier<T> step,
            BiConsumer<ObjectNode, T> detail) {
        long start = System.nanoTime();
        try {
            T value = step.get();
            report.step(name, "ok", millisSince(start), d -> detail.accept(d, value));
            return value;
        } catch (RuntimeException e) {
            report.failed(name, millisSince(start), e);
            return null;
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String readPassword(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            // Strip exactly one trailing line break (what editors and `echo` add); keep any other whitespace.
            if (s.endsWith("\r\n")) {
                s = s.substring(0, s.length() - 2);
            } else if (s.endsWith("\n")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.isEmpty()) {
                throw new IllegalArgumentException("the password file is empty");
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the password file " + file);
        }
    }

    /** Parsed command line. */
    record Options(String email, Path passwordFile, Path dumpDir) {
        static Options parse(String[] args) {
            String email = null;
            Path passwordFile = null;
            Path dumpDir = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                switch (a) {
                    case "--email":
                        email = args[++i];
                        break;
                    case "--password-file":
                        passwordFile = Path.of(args[++i]);
                        break;
                    case "--dump":
                        dumpDir = Path.of(args[++i]);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            if (email == null || passwordFile == null) {
                throw new IllegalArgumentException("--email and --password-file are required");
            }
            return new Options(email, passwordFile, dumpDir);
        }
    }

    /**
     * Counts nothing itself (the download result does) but keeps skipped ids and, with {@code --dump}, writes each
     * decrypted cleartext exactly as decrypted, one per line. A cleartext containing a raw line break (never written
     * by Firefox) is re-serialized compactly so that the file stays one JSON value per line. The file is truncated
     * when the download restarts, and is readable by its owner only.
     */
    private static final class DumpingSink implements RecordSink, AutoCloseable {
        private final Path file;
        private final ArrayNode skippedIds;
        private OutputStream dump;

        DumpingSink(Path file, ArrayNode skippedIds) {
            this.file = file;
            this.skippedIds = skippedIds;
            open();
        }

        private void open() {
            if (file == null) {
                return;
            }
            try {
                Path dir = file.getParent();
                boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
                if (!Files.isDirectory(dir)) {
                    if (posix) {
                        Files.createDirectories(dir,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    } else {
                        Files.createDirectories(dir);
                    }
                }
                dump = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                if (posix) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void accept(DecryptedRecord record) {
            if (dump == null) {
                return;
            }
            try {
                byte[] bytes = record.cleartextUtf8();
                if (containsLineBreak(bytes)) {
                    bytes = record.cleartext().toString().getBytes(StandardCharsets.UTF_8);
                }
                dump.write(bytes);
                dump.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void skipped(String id, SkipReason reason) {
            if (skippedIds.size() < MAX_SKIPPED_IDS) {
                skippedIds.addObject().put("id", id).put("reason", reason.name());
            }
        }

        @Override
        public void restart() {
            skippedIds.removeAll();
            close();
            open();
        }

        @Override
        public void close() {
            if (dump != null) {
                try {
                    dump.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                dump = null;
            }
        }

        private static boolean containsLineBreak(byte[] bytes) {
            for (byte b : bytes) {
                if (b == '\n' || b == '\r') {
                    return true;
                }
            }
            return false;
        }
    }
}
