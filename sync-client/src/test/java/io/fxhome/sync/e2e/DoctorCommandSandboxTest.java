package io.fxhome.sync.e2e;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fxhome.sandbox.IssuedSecrets;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.CollectionTruth;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sync.doctor.DoctorCommand;
import io.fxhome.sync.error.FxaException;

/**
 * {@code fxhome doctor} as an operator runs it (same entry point as {@code main}, with the environment, stdin and
 * stdout handed in) against the sandbox: the one JSON document it prints and the JSONL dump it writes, compared with
 * the account's truth.
 */
class DoctorCommandSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ClientSandbox env;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        env = ClientSandbox.start();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private record Run(int exitCode, JsonNode report, String stdout, String stderr) {
        List<String> stepNames() {
            List<String> names = new ArrayList<>();
            report.path("steps").forEach(s -> names.add(s.path("step").asText()));
            return names;
        }

        JsonNode step(String name) {
            for (JsonNode s : report.path("steps")) {
                if (s.path("step").asText().equals(name)) {
                    return s;
                }
            }
            throw new AssertionError("no step " + name + " in " + report);
        }
    }

    /** Runs the doctor; the terminal answers each question with the latest code the sandbox emailed. */
    private Run doctor(String email, String password, Path dump) throws IOException {
        Path passwordFile = tmp.resolve("password-" + UUID.randomUUID());
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        BufferedReader terminal = new BufferedReader(new StringReader("")) {
            @Override
            public String readLine() {
                return env.sandbox().latestEmailCode(email);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--email", email, "--password-file", passwordFile.toString()));
        if (dump != null) {
            args.addAll(List.of("--dump", dump.toString()));
        }
        int code = new DoctorCommand(Map.of("FXHOME_FXA_AUTH_URL", env.baseUrl(), "FXHOME_SYNC_TOKENSERVER_URL",
                env.baseUrl()), terminal, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        String stdout = out.toString(StandardCharsets.UTF_8);
        return new Run(code, JSON.readTree(stdout), stdout, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aVerifiedSignInReportsEveryCollectionAndDumpsExactlyTheTruth() throws Exception {
        String email = ClientSandbox.newEmail("doctor");
        String password = "doctor Pässwort " + UUID.randomUUID();
        env.createAccount(email, password, VerificationMode.EMAIL_OTP, ProfileSpec.small(ClientSandbox.nextSeed()));
        // Another Firefox also syncs what fxhome does not mirror: the doctor only counts it.
        String savedLogin = "saved-login-" + UUID.randomUUID();
        env.sandbox().upsertRecord(email, "passwords", JSON.createObjectNode().put("hostname", "https://bank.example")
                .put("username", "me").put("password", savedLogin));
        env.sandbox().upsertRecord(email, "passwords", JSON.createObjectNode().put("hostname", "https://mail.example"));
        env.sandbox().upsertRecord(email, "forms", JSON.createObjectNode().put("name", "q").put("value", "a search"));
        Path dump = tmp.resolve("dump");

        Run run = doctor(email, password, dump);

        assertThat(run.exitCode()).as(run.stdout()).isZero();
        assertThat(run.report().path("ok").asBoolean()).isTrue();
        assertThat(run.report().path("fxa_auth_url").asText()).isEqualTo(env.baseUrl());
        CleartextTruth truth = env.sandbox().truth(email);
        TreeSet<String> all = new TreeSet<>(TruthAssertions.nonEmptyCollections(truth));
        assertThat(all).contains("passwords", "forms");
        TreeSet<String> collections = new TreeSet<>(all);
        collections.retainAll(List.of("clients", "tabs", "bookmarks", "history"));
        List<String> expectedSteps = new ArrayList<>(List.of("sign_in", "verify_session", "link", "token",
                "info_collections", "collection_counts", "meta_global", "crypto_keys"));
        collections.forEach(c -> expectedSteps.add("download:" + c));
        expectedSteps.add("revoke_refresh_token");
        assertThat(run.stepNames()).containsExactlyInAnyOrderElementsOf(expectedSteps);
        assertThat(run.stepNames().subList(0, 8)).containsExactlyElementsOf(expectedSteps.subList(0, 8));
        assertThat(run.report().path("steps")).allSatisfy(s -> assertThat(s.path("outcome").asText()).isEqualTo("ok"));
        assertThat(run.step("sign_in").path("detail").path("verification_method").asText()).isEqualTo("email-otp");
        assertThat(run.step("link").path("detail").path("key_rotation_timestamp").asLong())
                .isEqualTo(env.sandbox().account(email).orElseThrow().keyRotationTimestamp());
        assertThat(run.step("meta_global").path("detail").path("storage_version").asInt()).isEqualTo(5);
        assertThat(run.stderr()).contains("Enter the code");

        assertThat(iterable(run.report().path("collections").fieldNames())).containsExactlyInAnyOrderElementsOf(all);
        // Not mirrored: counted, never fetched, decrypted or dumped.
        assertThat(run.report().path("collections").path("passwords").path("mirrored").asBoolean()).isFalse();
        assertThat(run.report().path("collections").path("passwords").path("records").asLong()).isEqualTo(2);
        assertThat(run.report().path("collections").path("forms").path("records").asLong()).isEqualTo(1);
        assertThat(run.stdout()).doesNotContain(savedLogin).doesNotContain("bank.example");
        try (var files = Files.list(dump)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(collections.stream().map(c -> c + ".jsonl").toList());
        }
        for (String c : collections) {
            CollectionTruth t = truth.collection(c);
            JsonNode summary = run.report().path("collections").path(c);
            assertThat(summary.path("records").asLong()).as(c).isEqualTo(t.records().size() + t.tombstones().size());
            assertThat(summary.path("tombstones").asLong()).as(c).isEqualTo(t.tombstones().size());
            assertThat(summary.path("skipped_count").asLong()).as(c).isZero();
            assertThat(summary.path("last_modified").asText()).matches("\\d+\\.\\d{2}");
            assertDumpEqualsTruth(dump.resolve(c + ".jsonl"), t);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump.resolve("history.jsonl"))))
                .isEqualTo("rw-------");

        // It leaves no OAuth grant behind, and prints no secret.
        IssuedSecrets issued = env.sandbox().issuedSecrets(email);
        String refresh = issued.refreshTokens().getLast();
        assertThat(catchFxa(refresh).kind()).isEqualTo(FxaException.Kind.INVALID_TOKEN);
        List<String> secrets = new ArrayList<>(List.of(password, issued.kBHex()));
        secrets.addAll(issued.sessionTokens());
        secrets.addAll(issued.keyFetchTokens());
        secrets.addAll(issued.accessTokens());
        secrets.addAll(issued.refreshTokens());
        secrets.addAll(issued.storageTokenKeys());
        String printed = run.stdout() + run.stderr();
        assertThat(secrets).noneMatch(printed::contains);
    }

    @Test
    void corruptRecordsMakeThePartialOutcomeWithTheSkippedIdsAndTheirReasons() throws Exception {
        String email = ClientSandbox.newEmail("doctor-partial");
        String password = "pw-" + UUID.randomUUID();
        env.createAccount(email, password, VerificationMode.NONE,
                ProfileSpec.small(ClientSandbox.nextSeed()).withCorruptRecords(true, true));

        Run run = doctor(email, password, null);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.report().path("ok").asBoolean()).isFalse();
        JsonNode history = run.step("download:history");
        assertThat(history.path("outcome").asText()).isEqualTo("partial");
        assertThat(history.path("detail").path("problem").asText()).isEqualTo("2 records could not be used");
        Map<String, String> skipped = new TreeMap<>();
        run.report().path("collections").path("history").path("skipped")
                .forEach(s -> skipped.put(s.path("id").asText(), s.path("reason").asText()));
        Map<String, String> expected = new TreeMap<>();
        env.sandbox().truth(email).collection("history").skipped().forEach((id, r) -> expected.put(id, r.name()));
        assertThat(skipped).isEqualTo(expected);
        assertThat(run.stepNames()).doesNotContain("verify_session").endsWith("revoke_refresh_token");
    }

    @Test
    void aWrongPasswordFailsTheSignInStepWithTheServersReason() throws Exception {
        String email = ClientSandbox.newEmail("doctor-wrong");
        env.createAccount(email, "right password", VerificationMode.NONE, null);

        Run run = doctor(email, "wrong password", null);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stepNames()).containsExactly("sign_in");
        JsonNode error = run.step("sign_in").path("error");
        assertThat(error.path("type").asText()).isEqualTo("FxaException");
        assertThat(error.path("status").asText()).isEqualTo("AUTH");
        assertThat(error.path("message").asText()).contains("INCORRECT_PASSWORD", "errno 103")
                .doesNotContain("wrong password");
    }

    private static FxaException catchFxa(String refreshToken) {
        try {
            env.fxa().refresh(refreshToken);
        } catch (FxaException e) {
            return e;
        }
        throw new AssertionError("the doctor's refresh token still works");
    }

    /** Each dump line is one decrypted cleartext, exactly as decrypted: the live records and the tombstones. */
    private static void assertDumpEqualsTruth(Path file, CollectionTruth truth) throws IOException {
        Map<String, String> live = new TreeMap<>();
        TreeSet<String> tombstones = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            String id = record.path("id").asText();
            if (record.path("deleted").asBoolean()) {
                assertThat(tombstones.add(id)).as("tombstone %s twice", id).isTrue();
            } else {
                assertThat(live.put(id, line)).as("record %s twice", id).isNull();
            }
        }
        assertThat(tombstones).isEqualTo(new TreeSet<>(truth.tombstones()));
        assertThat(live.keySet()).isEqualTo(new TreeSet<>(truth.records().keySet()));
        for (Map.Entry<String, String> e : live.entrySet()) {
            String expected = truth.records().get(e.getKey());
            if (expected.contains("\n") || expected.contains("\r")) {
                // Re-serialized compactly by the doctor so that the file stays one record per line.
                assertThat(JSON.readTree(e.getValue())).isEqualTo(JSON.readTree(expected));
            } else {
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(expected);
            }
        }
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
