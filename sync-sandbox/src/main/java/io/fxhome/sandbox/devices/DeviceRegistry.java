package io.fxhome.sandbox.devices;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every account's devices and the simulated Firefox device of each, by FxA uid. */
public final class DeviceRegistry {
    private final Map<String, AccountDevices> accounts = new ConcurrentHashMap<>();
    private final Map<String, FirefoxDevice> firefoxes = new ConcurrentHashMap<>();
    private final SecureRandom random;

    public DeviceRegistry(SecureRandom random) {
        this.random = random;
    }

    public AccountDevices of(String uid) {
        return accounts.computeIfAbsent(uid, u -> new AccountDevices(random));
    }

    /** Registers the account's simulated Firefox as a device with its own Send Tab keys. */
    public FirefoxDevice addFirefox(String uid, byte[] kSync, byte[] clientState, long now) {
        FirefoxDevice f = new FirefoxDevice(of(uid), kSync, clientState, random, now);
        firefoxes.put(uid, f);
        return f;
    }

    public FirefoxDevice firefox(String uid) {
        FirefoxDevice f = firefoxes.get(uid);
        if (f == null) {
            throw new IllegalStateException("this account has no simulated Firefox device");
        }
        return f;
    }

    public void forget(String uid) {
        accounts.remove(uid);
        firefoxes.remove(uid);
    }
}
