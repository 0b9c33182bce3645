package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncReason;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.devices.Device;
import io.fxhome.sandbox.testing.SandboxTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Send Tab received by the worker: the first sync registers fxhome as a device; tabs another Firefox sends land in
 * the inbox exactly once, also when the index was not committed (a worker killed between fetch and commit).
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class InboxReceiveTest extends SandboxSyncTestBase {

    @Test
    void tabsFromAnotherFirefoxLandInTheInboxExactlyOnce() throws Exception {
        Sandbox sandbox = sandbox();
        String email = "inbox-" + UUID.randomUUID() + "@example.test";
        sandbox.createAccount(NewAccount.of(email, "pw-inbox"));
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-inbox");
        syncAndAwait(account, SyncReason.FIRST_LINK, 1);
        assertThat(sandbox.devices(email)).extracting(Device::name).containsExactlyInAnyOrder("fxhome",
                io.fxhome.sandbox.devices.FirefoxDevice.NAME);
        String deviceId = rows("select device_id from send_tab_device where account_id = ?", account).get(0);

        sandbox.firefoxSendTab(email, null, "https://example.org/first", "First <b>tab</b>");
        sandbox.firefoxSendTab(email, null, "javascript:alert(1)", "Hostile");
        syncAndAwait(account, SyncReason.INTERACTIVE, 2);
        assertThat(inbox(account)).containsExactly("1|https://example.org/first|First <b>tab</b>|"
                + io.fxhome.sandbox.devices.FirefoxDevice.NAME,
                "2|javascript:alert(1)|Hostile|"
                        + io.fxhome.sandbox.devices.FirefoxDevice.NAME);
        assertThat(rows("select command_index from send_tab_device where account_id = ?", account))
                .containsExactly("2");

        // The index went back (its commit lost) while the rows stayed: fetched again, stored once.
        exec("update send_tab_device set command_index = 0 where account_id = ?", account);
        syncAndAwait(account, SyncReason.INTERACTIVE, 3);
        assertThat(inbox(account)).hasSize(2);
        // Neither committed (killed between fetch and commit): both fetched again, each stored once.
        exec("delete from inbox where account_id = ?", account);
        exec("update send_tab_device set command_index = 0 where account_id = ?", account);
        syncAndAwait(account, SyncReason.INTERACTIVE, 4);
        assertThat(inbox(account)).hasSize(2);
        assertThat(rows("select device_id from send_tab_device where account_id = ?", account))
                .as("re-registration keeps the device id").containsExactly(deviceId);
        assertThat(sandbox.devices(email)).hasSize(2);
    }

    @Test
    void theDemoAccountsTabIsInTheInboxAfterTheFirstSync() throws Exception {
        Sandbox sandbox = sandbox();
        String email = "inbox-demo-" + UUID.randomUUID() + "@example.test";
        sandbox.createAccount(NewAccount.of(email, "pw-inbox"));
        // The demo account greets every new open-uri device so (Sandbox's constructor, FXHOME_SANDBOX_DEMO_ACCOUNT).
        sandbox.greetNewDevices(email, Sandbox.DEMO_TAB_URL, Sandbox.DEMO_TAB_TITLE);
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-inbox");
        syncAndAwait(account, SyncReason.FIRST_LINK, 1);
        // Registered, greeted and fetched in the one sync: there when the user first opens fxhome.
        assertThat(inbox(account)).containsExactly("1|" + Sandbox.DEMO_TAB_URL + "|" + Sandbox.DEMO_TAB_TITLE + "|"
                + io.fxhome.sandbox.devices.FirefoxDevice.NAME);
    }

    @Test
    void scheduledSyncsFetchCommandsOnlyEveryPollInterval() throws Exception {
        Sandbox sandbox = sandbox();
        String email = "inbox-poll-" + UUID.randomUUID() + "@example.test";
        UUID account = firstSynced(email);
        String deviceId = rows("select device_id from send_tab_device where account_id = ?", account).get(0);
        assertThat(sandbox.commandFetches(email, deviceId)).isEqualTo(1);

        // Within fxhome.send-tab.poll-interval (5 minutes) of the last fetch: a scheduled sync asks FxA nothing.
        sandbox.firefoxSendTab(email, null, "https://example.org/later", "Later");
        syncAndAwait(account, SyncReason.SCHEDULED, 2);
        assertThat(sandbox.commandFetches(email, deviceId)).isEqualTo(1);
        assertThat(inbox(account)).isEmpty();

        // An interactive sync always fetches.
        syncAndAwait(account, SyncReason.INTERACTIVE, 3);
        assertThat(sandbox.commandFetches(email, deviceId)).isEqualTo(2);
        assertThat(inbox(account)).hasSize(1);

        // Once the last fetch is older than the interval, a scheduled sync fetches again.
        sandbox.firefoxSendTab(email, null, "https://example.org/much-later", "Much later");
        exec("update send_tab_device set commands_fetched_at = now() - interval '6 minutes' where account_id = ?",
                account);
        syncAndAwait(account, SyncReason.SCHEDULED, 4);
        assertThat(sandbox.commandFetches(email, deviceId)).isEqualTo(3);
        assertThat(inbox(account)).hasSize(2);
        assertThat(rows("select commands_fetched_at > now() - interval '1 minute' from send_tab_device "
                + "where account_id = ?", account)).containsExactly("t");
    }

    @Test
    void aReceiveCommandsJobFetchesOnlyTheCommands() throws Exception {
        Sandbox sandbox = sandbox();
        String email = "inbox-refresh-" + UUID.randomUUID() + "@example.test";
        UUID account = firstSynced(email);
        int storageCalls = sandbox.upstreamCalls(email);

        sandbox.firefoxSendTab(email, null, "https://example.org/now", "Now");
        publisher.publish(SyncJob.receiveCommands(account, Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox(account).size() == 1);
        assertThat(inbox(account).get(0)).startsWith("1|https://example.org/now|Now|");
        // No tokenserver or storage request, and no run row: only the commands were fetched.
        assertThat(sandbox.upstreamCalls(email)).isEqualTo(storageCalls);
        assertThat(rows("select count(*) from sync_run where account_id = ?", account)).containsExactly("1");
    }

    @Test
    void removedInFirefoxTheNextFetchFailsAndTheAccountAsksForASignIn() throws Exception {
        Sandbox sandbox = sandbox();
        String email = "inbox-removed-" + UUID.randomUUID() + "@example.test";
        UUID account = firstSynced(email);
        String deviceId = rows("select device_id from send_tab_device where account_id = ?", account).get(0);

        // "Manage devices" in Firefox: the device goes, and the refresh token it was registered with.
        sandbox.removeDevice(email, deviceId);
        publisher.publish(SyncJob.receiveCommands(account, Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> rows("select status from account where id = ?", account)
                .equals(java.util.List.of("needs_reauth")));
        // Not registered again behind the user's back: only the simulated Firefox is left.
        assertThat(sandbox.devices(email)).extracting(Device::name)
                .containsExactly(io.fxhome.sandbox.devices.FirefoxDevice.NAME);
        syncAndAwait(account, SyncReason.SCHEDULED, 2);
        assertThat(rows("select outcome from sync_run where account_id = ? order by started_at", account))
                .containsExactly("done", "skipped");
        assertThat(sandbox.devices(email)).hasSize(1);
    }

    @Test
    void theNameTheUserChoseIsKeptAndAnEmptyChoiceGoesBackToTheInstallsName() throws Exception {
        Sandbox sandbox = sandbox();
        String email = "inbox-name-" + UUID.randomUUID() + "@example.test";
        UUID account = firstSynced(email);
        String deviceId = rows("select device_id from send_tab_device where account_id = ?", account).get(0);

        // Chosen in the web app while the worker still knows the install's name: the next fetch sends the choice.
        exec("update send_tab_device set chosen_name = 'Küche <fxhome> 🦊' where account_id = ?", account);
        publisher.publish(SyncJob.receiveCommands(account, Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.devices(email).stream()
                .anyMatch(d -> d.name().equals("Küche <fxhome> 🦊")));
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(
                "select device_name from send_tab_device where account_id = ?", account)
                .equals(java.util.List.of("Küche <fxhome> 🦊")));
        // A scheduled sync keeps it, and the same device.
        syncAndAwait(account, SyncReason.INTERACTIVE, 2);
        assertThat(sandbox.devices(email)).extracting(Device::name).contains("Küche <fxhome> 🦊")
                .doesNotContain("fxhome");
        assertThat(rows("select device_id from send_tab_device where account_id = ?", account))
                .containsExactly(deviceId);

        // The choice cleared: the install's name comes back.
        exec("update send_tab_device set chosen_name = null where account_id = ?", account);
        publisher.publish(SyncJob.receiveCommands(account, Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.devices(email).stream()
                .anyMatch(d -> d.name().equals("fxhome")));
        assertThat(sandbox.devices(email)).hasSize(2);
    }

    /** A new sandbox account, linked, after its first sync (which registered fxhome as its device). */
    private UUID firstSynced(String email) throws Exception {
        sandbox().createAccount(NewAccount.of(email, "pw-inbox"));
        UUID account = LinkedAccounts.link(ds, cipher, email, "pw-inbox");
        syncAndAwait(account, SyncReason.FIRST_LINK, 1);
        return account;
    }

    private java.util.List<String> inbox(UUID account) throws SQLException {
        return rows("select command_index, url, title, sender_name from inbox where account_id = ? "
                + "order by command_index", account);
    }

    private void exec(String sql, UUID account) throws SQLException {
        try (var c = ds.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setObject(1, account);
            ps.executeUpdate();
        }
    }

}
