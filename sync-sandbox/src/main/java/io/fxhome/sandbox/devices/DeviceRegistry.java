package io.fxhome.sandbox.devices;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every account's devices and the simulated Firefox device of each, by FxA uid. */
public final class DeviceRegistry {
    private final Map<String, AccountDevices> accounts = new ConcurrentHashMap<>();
    private final Map<String, FirefoxDevice> firefoxes = new ConcurrentHashMap<>();
    private final SecureRandom random;
    /** Accounts whose simulated Firefox greets each new device that takes open-uri with a tab (the demo's). */
    private final Map<String, OpenTabGreeting> greetings = new ConcurrentHashMap<>();

    /** The tab the simulated Firefox sends to a device once it first publishes open-uri keys. */
    public record OpenTabGreeting(String url, String title) {
    }

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

    /** From now on, the account's simulated Firefox sends {@code greeting} to each device that starts taking open-uri. */
    public void greet(String uid, OpenTabGreeting greeting) {
        greetings.put(uid, greeting);
    }

    /**
     * A client registered or updated {@code device}; {@code before} is what it was ({@code null}: new). The first
     * time it takes open-uri, the simulated Firefox sends it the account's greeting, if it has one (the demo's
     * "another Firefox sent you a tab", there as soon as fxhome's first sync has registered it).
     */
    public void registered(String uid, Device before, Device device, long now) {
        OpenTabGreeting greeting = greetings.get(uid);
        FirefoxDevice firefox = firefoxes.get(uid);
        if (greeting == null || firefox == null || device.id().equals(firefox.id())
                || !device.availableCommands().containsKey(FirefoxDevice.OPEN_URI)
                || before != null && before.availableCommands().containsKey(FirefoxDevice.OPEN_URI)) {
            return;
        }
        firefox.sendTab(device.id(), greeting.url(), greeting.title(), now);
    }

    public void forget(String uid) {
        greetings.remove(uid);
        accounts.remove(uid);
        firefoxes.remove(uid);
    }
}
