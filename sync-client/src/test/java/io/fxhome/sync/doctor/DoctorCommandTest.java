package io.fxhome.sync.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.testsupport.HawkVerifier;
import io.fxhome.sync.testsupport.PagedCollection;
import io.fxhome.sync.testsupport.SyncFixtures;
import io.fxhome.sync.testsupport.TestHttpServer;
import io.fxhome.sync.testsupport.TestHttpServer.Request;
import io.fxhome.sync.testsupport.TestHttpServer.Response;

/**
 * The doctor end to end against one small server playing FxA, the tokenserver and a storage node, with the onepw
 * vector account (so the kB the bundle yields really decrypts the crypto/keys record served).
 */
class DoctorCommandTest {
    private static final String EMAIL = "andré@example.org";
    private static final String PASSWORD = "pässwörd";
    private static final String AUTH_PW = "247b675ffb4c46310bc87e26d712153abe5e1c90ef00a4784594f97ef54f2375";
    private static final String SESSION_TOKEN = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";
    private static final String KEY_FETCH_TOKEN = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";
    private static final String BUNDLE = "ee5c58845c7c9412b11bbd20920c2fddd83c33c9cd2c2de2d66b222613364636"
            + "fc7e59d854d599f10e212801de3a47c34333f3b838ee3471e0f285649c332bbb"
            + "4c17f42a0b319bbba327d2b326ad23e937219b4de32e3ec7b3e3f740522ad6ef";
    private static final String KB = "a095c51c1c6e384e8d5777d97e3c487a4fc2128a00ab395a73d57fedf41631f0";
    private static final String REFRESH = "f".repeat(64);
    private static final String ACCESS = "e".repeat(64);
    private static final String STORAGE_KEY = "c3RvcmFnZS1rZXktc3RyaW5nLWZvci10aGUtZG9jdG9y";

    @TempDir
    Path tmp;
    private TestHttpServer server;
    private final KeyBundle root = SyncKeyDerivation.syncKeyBundle(Hex.decode(KB));
    private final KeyBundle bulk = KeyBundle.random(SyncFixtures.RANDOM);
    private final List<String> historyCleartexts = new ArrayList<>();
    private PagedCollection history;

    @BeforeEach
    void start() throws IOException {
        server = new TestHttpServer();
        server.on("POST /v1/account/login", req -> Response.json(200, "{\"uid\":\"aeaa1725c7a24ff983c6295725d5fc9b\","
                + "\"sessionToken\":\"" + SESSION_TOKEN + "\",\"keyFetchToken\":\"" + KEY_FETCH_TOKEN
                + "\",\"verified\":false,\"verificationMethod\":\"email-otp\",\"verificationReason\":\"login\"}"));
        server.on("POST /v1/session/verify_code", req -> "{\"code\":\"424242\"}".equals(req.bodyText())
                ? Response.json(200, "{}")
                : Response.json(400, "{\"code\":400,\"errno\":183,\"message\":\"Invalid or expired OTP code\"}"));
        server.on("GET /v1/account/keys", req -> Response.json(200, "{\"bundle\":\"" + BUNDLE + "\"}"));
        server.on("POST /v1/account/scoped-key-data", req -> Response.json(200,
                "{\"https://identity.mozilla.com/apps/oldsync\":{\"identifier\":\"https://identity.mozilla.com/apps/oldsync\","
                        + "\"keyRotationSecret\":\"" + "0".repeat(64) + "\",\"keyRotationTimestamp\":1510726317123}}"));
        server.on("POST /v1/oauth/token", req -> Response.json(200, "{\"access_token\":\"" + ACCESS
                + "\",\"refresh_token\":\"" + REFRESH + "\",\"expires_in\":86399,\"token_type\":\"bearer\","
                + "\"scope\":\"https://identity.mozilla.com/apps/oldsync\"}"));
        server.on("POST /v1/oauth/destroy", req -> Response.json(200, "{}"));
        server.on("GET /1.0/sync/1.5", req -> Response.json(200, "{\"id\":\"doctor-token\",\"key\":\"" + STORAGE_KEY
                + "\",\"uid\":77,\"api_endpoint\":\"" + server.baseUri() + "/1.5/77\",\"duration\":3600}"));
        history = new PagedCollection("1700000300.00");
        for (int i = 0; i < 3; i++) {
            String id = String.format("hist%08d", i);
            String clear = SyncFixtures.historyCleartext(id, "https://example.com/ü/" + i, 1_700_000_000_000_000L + i);
            historyCleartexts.add(clear);
            history.add(SyncFixtures.encryptedBso(bulk, id, "1700000200." + (10 + i), null, clear));
        }
        PagedCollection bookmarks = new PagedCollection("1700000100.00").add(SyncFixtures.encryptedBso(bulk, "menu",
                "1700000100.00", 1000000, "{\"id\":\"menu\",\"type\":\"folder\",\"children\":[]}"));
        // The account also holds collections fxhome does not mirror: the doctor counts them and never fetches them.
        storage("GET /1.5/77/info/collections", req -> Response.json(200, "{\"meta\":1700000000.00,"
                + "\"crypto\":1700000000.00,\"history\":1700000300.00,\"bookmarks\":1700000100.00,"
                + "\"passwords\":1700000050.00,\"creditcards\":1700000060.00,\"addresses\":1700000070.00,"
                + "\"forms\":1700000080.00}")
                .header("X-Last-Modified", "1700000300.00"));
        storage("GET /1.5/77/info/collection_counts", req -> Response.json(200, "{\"history\":3,\"bookmarks\":1,"
                + "\"passwords\":12,\"creditcards\":2,\"addresses\":1,\"forms\":40}"));
        for (String secret : List.of("passwords", "creditcards", "addresses", "forms")) {
            storage("GET /1.5/77/storage/" + secret, new PagedCollection("1700000050.00").add(SyncFixtures
                    .encryptedBso(bulk, "secret000001", "1700000050.00", null, "{\"id\":\"secret000001\"}")));
        }
        storage("GET /1.5/77/info/configuration", req -> Response.json(404, "0"));
        storage("GET /1.5/77/storage/meta/global", req -> Response.json(200,
                SyncFixtures.metaGlobalBso(5, "1700000000.00")));
        storage("GET /1.5/77/storage/crypto/keys", req -> Response.json(200,
                SyncFixtures.cryptoKeysBso(root, bulk, "1700000000.00")));
        storage("GET /1.5/77/storage/history", history);
        storage("GET /1.5/77/storage/bookmarks", bookmarks);
        Files.writeString(tmp.resolve("password"), PASSWORD + "\n", StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void storage(String route, Function<Request, Response> handler) {
        server.on(route, req -> HawkVerifier.verify(req, STORAGE_KEY.getBytes(StandardCharsets.UTF_8))
                ? handler.apply(req)
                : Response.json(401, "0"));
    }

    private record Run(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(stdout);
        }
    }

    private Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("FXHOME_FXA_AUTH_URL", server.baseUri() + "/v1",
                "FXHOME_SYNC_TOKENSERVER_URL", server.baseUri().toString());
        int code = new DoctorCommand(env, new BufferedReader(new StringReader(stdin)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> stepNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("steps").forEach(s -> names.add(s.get("step").asText() + "=" + s.get("outcome").asText()));
        return names;
    }

    private static void assertNoSecrets(Run run) {
        for (String secret : List.of(PASSWORD, AUTH_PW, SESSION_TOKEN, KEY_FETCH_TOKEN, REFRESH, ACCESS, STORAGE_KEY,
                "doctor-token", KB, EMAIL)) {
            assertThat(run.stdout()).as("stdout").doesNotContain(secret);
            assertThat(run.stderr()).as("stderr").doesNotContain(secret);
        }
    }

    @Test
    void checksAnAccountEndToEndAndDumpsTheCleartexts() throws IOException {
        Path dump = tmp.resolve("dump");

        Run run = run("424242\n", "--email", EMAIL, "--password-file", tmp.resolve("password").toString(), "--dump",
                dump.toString());

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(stepNames(report)).containsExactly("sign_in=ok", "verify_session=ok", "link=ok", "token=ok",
                "info_collections=ok", "collection_counts=ok", "meta_global=ok", "crypto_keys=ok",
                "download:bookmarks=ok", "download:history=ok", "revoke_refresh_token=ok");
        report.get("steps").forEach(s -> assertThat(s.get("ms").asLong()).isNotNegative());
        assertThat(report.at("/steps/0/detail/verification_method").asText()).isEqualTo("email-otp");
        assertThat(report.at("/steps/3/detail/storage_uid").asLong()).isEqualTo(77);
        assertThat(report.at("/steps/6/detail/storage_version").asInt()).isEqualTo(5);
        assertThat(report.at("/collections/history/records").asLong()).isEqualTo(3);
        assertThat(report.at("/collections/history/last_modified").asText()).isEqualTo("1700000300.00");
        assertThat(report.at("/collections/bookmarks/records").asLong()).isEqualTo(1);
        assertThat(report.at("/collections/history/skipped_count").asLong()).isZero();
        assertThat(report.get("backoff").get("until").isNull()).isTrue();
        assertThat(run.stderr()).contains("code");
        assertNoSecrets(run);

        assertThat(Files.readAllLines(dump.resolve("history.jsonl"), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(historyCleartexts);
        assertThat(Files.readString(dump.resolve("bookmarks.jsonl")))
                .isEqualTo("{\"id\":\"menu\",\"type\":\"folder\",\"children\":[]}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump.resolve("history.jsonl"))))
                .isEqualTo("rw-------");
        assertThat(server.requests("POST", "/v1/oauth/destroy")).hasSize(1);
    }

    @Test
    void collectionsFxhomeDoesNotMirrorAreCountedNeverFetched() throws IOException {
        Path dump = tmp.resolve("dump");

        Run run = run("424242\n", "--email", EMAIL, "--password-file", tmp.resolve("password").toString(), "--dump",
                dump.toString());

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        JsonNode report = run.json();
        for (String other : List.of("passwords", "creditcards", "addresses", "forms")) {
            assertThat(server.requests("GET", "/1.5/77/storage/" + other)).as(other).isEmpty();
            assertThat(report.at("/collections/" + other + "/mirrored").asBoolean()).isFalse();
            assertThat(report.at("/collections/" + other).has("skipped")).isFalse();
            assertThat(stepNames(report)).noneMatch(step -> step.startsWith("download:" + other));
        }
        assertThat(report.at("/collections/passwords/records").asLong()).isEqualTo(12);
        assertThat(report.at("/collections/forms/records").asLong()).isEqualTo(40);
        assertThat(report.at("/collections/history/mirrored").asBoolean()).isTrue();
        assertThat(run.stdout()).doesNotContain("secret000001");
        try (var files = Files.list(dump)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("history.jsonl", "bookmarks.jsonl");
        }
        // Only the collections fxhome mirrors were asked for at all.
        assertThat(server.requests()).filteredOn(r -> r.path().startsWith("/1.5/77/storage/"))
                .extracting(Request::path).containsOnly("/1.5/77/storage/meta/global", "/1.5/77/storage/crypto/keys",
                        "/1.5/77/storage/history", "/1.5/77/storage/bookmarks");
    }

    @Test
    void aWrongPasswordFailsTheSignInStep() throws IOException {
        server.on("POST /v1/account/login", req -> Response.json(400, "{\"code\":400,\"errno\":103,"
                + "\"error\":\"Bad Request\",\"message\":\"Incorrect password\"}"));

        Run run = run("", "--email", EMAIL, "--password-file", tmp.resolve("password").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = run.json();
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(stepNames(report)).containsExactly("sign_in=failed");
        assertThat(report.at("/steps/0/error/type").asText()).isEqualTo("FxaException");
        assertThat(report.at("/steps/0/error/status").asText()).isEqualTo("AUTH");
        assertThat(report.at("/steps/0/error/message").asText()).contains("INCORRECT_PASSWORD");
        assertNoSecrets(run);
    }

    @Test
    void aWrongCodeStopsBeforeTheKeysAreFetched() throws IOException {
        Run run = run("000000\n", "--email", EMAIL, "--password-file", tmp.resolve("password").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(stepNames(run.json())).containsExactly("sign_in=ok", "verify_session=failed");
        assertThat(server.requests("GET", "/v1/account/keys")).isEmpty();
    }

    @Test
    void corruptRecordsMakeThePassPartial() throws IOException {
        history.add(SyncFixtures.encryptedBso(KeyBundle.random(SyncFixtures.RANDOM), "corrupt00001", "1700000250.00",
                null, "{\"id\":\"corrupt00001\"}"));

        Run run = run("424242\n", "--email", EMAIL, "--password-file", tmp.resolve("password").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = run.json();
        assertThat(stepNames(report)).contains("download:history=partial", "revoke_refresh_token=ok");
        assertThat(report.at("/collections/history/records").asLong()).isEqualTo(3);
        assertThat(report.at("/collections/history/skipped_by_reason/BAD_HMAC").asLong()).isEqualTo(1);
        assertThat(report.at("/collections/history/skipped/0/id").asText()).isEqualTo("corrupt00001");
    }

    @Test
    void anAccountWithoutSyncDataSaysSo() throws IOException {
        storage("GET /1.5/77/storage/meta/global", req -> Response.json(404, "0"));

        Run run = run("424242\n", "--email", EMAIL, "--password-file", tmp.resolve("password").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(stepNames(run.json())).contains("meta_global=no_data", "revoke_refresh_token=ok")
                .doesNotContain("meta_global=ok", "crypto_keys=ok");
    }

    @Test
    void usageErrorsPrintNoReport() {
        Run missing = run("", "--email", EMAIL);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).contains("usage: fxhome doctor");

        Run noFile = run("", "--email", EMAIL, "--password-file", tmp.resolve("absent").toString());
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }
}
