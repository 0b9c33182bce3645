package io.fxhome.web.testsupport;

import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.web.account.AccountRepository;

/**
 * What the worker's first sync does for Send Tab, for web tests without a worker: registers fxhome as one of the
 * account's devices with its refresh token (at the sandbox) and keeps the {@code send_tab_device} row (its keys are not
 * needed by the web app's tests, so placeholders).
 */
public final class FxhomeDeviceRegistration {
    private FxhomeDeviceRegistration() {
    }

    /** @return the device id Mozilla (the sandbox) gave */
    public static String register(DataSource ds, AccountSecretsCipher cipher, AccountRepository accounts,
            DeviceClient devices, UUID accountId) throws Exception {
        String refreshToken = cipher.open(accountId, accounts.secrets(accountId).orElseThrow()).refreshToken();
        String deviceId = devices.register(refreshToken, null, "fxhome", "desktop", Map.of());
        TestData.exec(ds, """
                insert into send_tab_device (account_id, device_id, device_name, sealed_keys, published_key_hash)
                values (?, ?, 'fxhome', '\\x00', '\\x00')""", accountId, deviceId);
        return deviceId;
    }
}
