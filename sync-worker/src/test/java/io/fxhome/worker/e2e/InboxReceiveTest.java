package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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
        syncAndAwait(account, SyncReason.SCHEDULED, 2);
        assertThat(inbox(account)).containsExactly("1|https://example.org/first|First <b>tab</b>|"
                + io.fxhome.sandbox.devices.FirefoxDevice.NAME,
                "2|javascript:alert(1)|Hostile|"
                        + io.fxhome.sandbox.devices.FirefoxDevice.NAME);
        assertThat(rows("select command_index from send_tab_device where account_id = ?", account))
                .containsExactly("2");

        // The index went back (its commit lost) while the rows stayed: fetched again, stored once.
        exec("update send_tab_device set command_index = 0 where account_id = ?", account);
        syncAndAwait(account, SyncReason.SCHEDULED, 3);
        assertThat(inbox(account)).hasSize(2);
        // Neither committed (killed between fetch and commit): both fetched again, each stored once.
        exec("delete from inbox where account_id = ?", account);
        exec("update send_tab_device set command_index = 0 where account_id = ?", account);
        syncAndAwait(account, SyncReason.SCHEDULED, 4);
        assertThat(inbox(account)).hasSize(2);
        assertThat(rows("select device_id from send_tab_device where account_id = ?", account))
                .as("re-registration keeps the device id").containsExactly(deviceId);
        assertThat(sandbox.devices(email)).hasSize(2);
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
