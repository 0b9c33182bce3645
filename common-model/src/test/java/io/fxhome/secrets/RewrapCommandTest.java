package io.fxhome.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fxhome rewrap} against the real PostgreSQL ({@code fxhome_test_model}), in a schema of its own created by
 * the project's Flyway migrations, so that other builds using that database are never disturbed.
 */
class RewrapCommandTest {
    private static final String HOST = System.getenv().getOrDefault("FXHOME_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = System.getenv().getOrDefault("FXHOME_TEST_PG_PORT", "5432");
    private static final String DATABASE_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/fxhome_test_model";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String oldKey = newKey();
    private final String newKey = newKey();
    private final MasterKeyRing oldRing = MasterKeyRing.parse(oldKey, "test");
    private final MasterKeyRing newRing = MasterKeyRing.parse(newKey, "test");
    private final MasterKeyRing rotatingRing = MasterKeyRing.parse(newKey + "," + oldKey, "test");
    private static String schema;
    private static String url;

    private static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @BeforeAll
    static void migrate() {
        schema = "rewrap_test_" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
        Flyway.configure().dataSource(DATABASE_URL, "fxhome", "fxhome").schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        url = DATABASE_URL + "?currentSchema=" + schema;
    }

    @BeforeEach
    void noAccounts() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("truncate account cascade");
        }
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(DATABASE_URL, "fxhome", "fxhome");
                Statement st = c.createStatement()) {
            st.execute("drop schema " + schema + " cascade");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "fxhome", "fxhome");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run rewrap(String masterKeys, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        env.put("QUARKUS_DATASOURCE_USERNAME", "fxhome");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "fxhome");
        if (masterKeys != null) {
            env.put("FXHOME_MASTER_KEY", masterKeys);
        }
        int code = new RewrapCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static AccountSecrets randomSecrets() {
        byte[] kSync = new byte[64];
        RANDOM.nextBytes(kSync);
        return new AccountSecrets(HexFormat.of().formatHex(RANDOM.generateSeed(32)), kSync,
                "1700000000000-" + Base64.getUrlEncoder().withoutPadding().encodeToString(RANDOM.generateSeed(16)));
    }

    /** {@code n} accounts whose secrets are sealed under {@code ring}'s current key. */
    private Map<UUID, AccountSecrets> accounts(int n, MasterKeyRing ring) throws SQLException {
        AccountSecretsCipher cipher = new AccountSecretsCipher(ring);
        Map<UUID, AccountSecrets> all = new LinkedHashMap<>();
        try (Connection c = connect();
                PreparedStatement account = c.prepareStatement(
                        "insert into account (id, fxa_uid, email) values (?, ?, ?)");
                PreparedStatement secret = c.prepareStatement("""
                        insert into account_secret (account_id, master_key_version, wrapped_data_key, refresh_token,
                                                    sync_key_bundle, key_id) values (?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                AccountSecrets secrets = randomSecrets();
                all.put(id, secrets);
                account.setObject(1, id);
                account.setString(2, id.toString().replace("-", ""));
                account.setString(3, id + "@example.test");
                account.addBatch();
                SealedAccountSecrets sealed = cipher.seal(id, secrets);
                secret.setObject(1, id);
                secret.setInt(2, sealed.masterKeyVersion());
                secret.setBytes(3, sealed.wrappedDataKey());
                secret.setBytes(4, sealed.refreshToken());
                secret.setBytes(5, sealed.syncKeyBundle());
                secret.setBytes(6, sealed.keyId());
                secret.addBatch();
            }
            account.executeBatch();
            secret.executeBatch();
        }
        return all;
    }

    private Map<UUID, SealedAccountSecrets> stored() throws SQLException {
        Map<UUID, SealedAccountSecrets> rows = new LinkedHashMap<>();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "select account_id, master_key_version, wrapped_data_key, refresh_token, sync_key_bundle, key_id "
                                + "from account_secret")) {
            while (rs.next()) {
                rows.put(rs.getObject(1, UUID.class), new SealedAccountSecrets(rs.getInt(2), rs.getBytes(3),
                        rs.getBytes(4), rs.getBytes(5), rs.getBytes(6)));
            }
        }
        return rows;
    }

    private static SealedAccountSecrets read(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select master_key_version, wrapped_data_key, refresh_token, "
                + "sync_key_bundle, key_id from account_secret where account_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new SealedAccountSecrets(rs.getInt(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4),
                        rs.getBytes(5));
            }
        }
    }

    @Test
    void rewrapsEveryAccountInSmallBatchesKeepingTheFieldCiphertextsAndASecondRunRewrapsNothing() throws Exception {
        Map<UUID, AccountSecrets> accounts = accounts(250, oldRing);
        Map<UUID, SealedAccountSecrets> before = stored();

        Run run = rewrap(newKey + "," + oldKey, "--batch-size", "40");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("re-wrapped 250 account secret(s) under master key version "
                + newRing.current().version() + " in 7 batch(es); 0 left under older keys");
        assertThat(run.out() + run.err()).doesNotContain(oldKey, newKey);
        Map<UUID, SealedAccountSecrets> after = stored();
        AccountSecretsCipher newOnly = new AccountSecretsCipher(newRing);
        for (Map.Entry<UUID, AccountSecrets> e : accounts.entrySet()) {
            SealedAccountSecrets was = before.get(e.getKey());
            SealedAccountSecrets is = after.get(e.getKey());
            assertThat(is.masterKeyVersion()).isEqualTo(newRing.current().version());
            assertThat(is.wrappedDataKey()).isNotEqualTo(was.wrappedDataKey());
            assertThat(is.refreshToken()).isEqualTo(was.refreshToken());
            assertThat(is.syncKeyBundle()).isEqualTo(was.syncKeyBundle());
            assertThat(is.keyId()).isEqualTo(was.keyId());
            assertThat(newOnly.open(e.getKey(), is)).isEqualTo(e.getValue());
        }

        Run again = rewrap(newKey + "," + oldKey);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("re-wrapped 0 account secret(s)");
        assertThat(stored()).hasSize(250);
    }

    @Test
    void appsGivenBothKeysKeepReadingAndWritingWhileItRuns() throws Exception {
        Map<UUID, AccountSecrets> expected = new ConcurrentHashMap<>(accounts(1500, oldRing));
        List<UUID> ids = new ArrayList<>(expected.keySet());
        Map<UUID, Set<AccountSecrets>> written = new ConcurrentHashMap<>();
        expected.forEach((id, secrets) -> written.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(secrets));
        AccountSecretsCipher app = new AccountSecretsCipher(rotatingRing);
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Set<Integer> versionsRead = ConcurrentHashMap.newKeySet();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        List<Thread> apps = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            apps.add(Thread.ofPlatform().start(() -> {
                try (Connection c = connect()) {
                    while (!done.get()) {
                        UUID id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                        // A worker reads without locking; the row may be re-wrapped or re-linked meanwhile.
                        SealedAccountSecrets sealed = read(c, id);
                        AccountSecrets opened = app.open(id, sealed);
                        if (!written.get(id).contains(opened)) {
                            throw new AssertionError("account " + id + " opened to secrets never written for it");
                        }
                        versionsRead.add(sealed.masterKeyVersion());
                        reads.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        apps.add(Thread.ofPlatform().start(() -> {
            try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                    update account_secret set master_key_version = ?, wrapped_data_key = ?, refresh_token = ?,
                           sync_key_bundle = ?, key_id = ?, updated_at = now() where account_id = ?""")) {
                while (!done.get()) {
                    // The web app re-links an account: new secrets, sealed under its current (new) key.
                    UUID id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    AccountSecrets fresh = randomSecrets();
                    SealedAccountSecrets sealed = app.seal(id, fresh);
                    written.get(id).add(fresh);
                    expected.put(id, fresh);
                    ps.setInt(1, sealed.masterKeyVersion());
                    ps.setBytes(2, sealed.wrappedDataKey());
                    ps.setBytes(3, sealed.refreshToken());
                    ps.setBytes(4, sealed.syncKeyBundle());
                    ps.setBytes(5, sealed.keyId());
                    ps.setObject(6, id);
                    ps.executeUpdate();
                    writes.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }));

        Run run;
        try {
            Thread.sleep(200);
            run = rewrap(newKey + "," + oldKey, "--batch-size", "5");
        } finally {
            done.set(true);
            for (Thread t : apps) {
                t.join();
            }
        }

        assertThat(failures).isEmpty();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(reads.get()).isGreaterThan(100);
        assertThat(writes.get()).isGreaterThan(10);
        assertThat(versionsRead).contains(oldRing.current().version(), newRing.current().version());
        AccountSecretsCipher newOnly = new AccountSecretsCipher(newRing);
        Map<UUID, SealedAccountSecrets> after = stored();
        assertThat(after).hasSize(1500);
        after.forEach((id, sealed) -> assertThat(newOnly.open(id, sealed)).isEqualTo(expected.get(id)));
    }

    @Test
    void aRowAnotherTransactionHoldsIsSkippedNotWaitedForAndTheNextRunTakesIt() throws Exception {
        List<UUID> ids = new ArrayList<>(accounts(20, oldRing).keySet());
        try (Connection holder = connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement(
                    "select 1 from account_secret where account_id = ? for update")) {
                ps.setObject(1, ids.get(7));
                ps.executeQuery().close();
            }
            Run run = rewrap(newKey + "," + oldKey, "--batch-size", "6");
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).contains("re-wrapped 19 account secret(s)", "1 left under older keys");
            assertThat(run.err()).contains("run it again");
            holder.rollback();
        }
        assertThat(stored().get(ids.get(7)).masterKeyVersion()).isEqualTo(oldRing.current().version());

        Run again = rewrap(newKey + "," + oldKey);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("re-wrapped 1 account secret(s)");
    }

    @Test
    void withoutTheOldKeyItChangesNothingAndSaysWhichKeyIsMissing() throws Exception {
        accounts(5, oldRing);
        Map<UUID, SealedAccountSecrets> before = stored();

        Run run = rewrap(newKey);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("master key version(s) [" + oldRing.current().version() + "]",
                "every old key after it").doesNotContain(oldKey, newKey);
        assertThat(stored()).allSatisfy((id, sealed) -> assertThat(sealed.wrappedDataKey())
                .isEqualTo(before.get(id).wrappedDataKey()));
    }

    @Test
    void dryRunCountsWithoutWriting() throws Exception {
        accounts(4, oldRing);
        accounts(3, newRing);

        Run run = rewrap(newKey + "," + oldKey, "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("would re-wrap 4 account secret(s) under master key version "
                + newRing.current().version());
        assertThat(stored().values()).filteredOn(s -> s.masterKeyVersion() == oldRing.current().version()).hasSize(4);
    }

    @Test
    void usageErrors() {
        assertThat(rewrap(null).exitCode()).isEqualTo(2);
        assertThat(rewrap(null).err()).contains("no master key", RewrapCommand.USAGE);
        assertThat(rewrap(newKey, "--batch-size", "0").exitCode()).isEqualTo(2);
        assertThat(rewrap(newKey, "--batch-size", "many").err()).contains("--batch-size needs a number");
        assertThat(rewrap(newKey, "--force").err()).contains("unknown argument --force");
        assertThat(rewrap("not base64 at all!").err()).contains("FXHOME_MASTER_KEY is not base64");
    }
}
