package io.fxhome.sandbox.devices;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.Hex;

/**
 * One account's device records and, per device, its command queue (pushbox): indexes grow by one per command and
 * are never reused; a fetch returns the commands at or after the given index that have not expired.
 */
public final class AccountDevices {
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, List<DeviceCommand>> queues = new HashMap<>();
    private final Map<String, Long> lastIndex = new HashMap<>();
    /** Fetches of each device's queue, so that a test can tell how often a client polls. */
    private final Map<String, Integer> fetches = new HashMap<>();
    private final SecureRandom random;

    AccountDevices(SecureRandom random) {
        this.random = random;
    }

    /** A page of a device's queue: the highest index returned (or the queue's last one), whether it was the last. */
    public record Page(long index, boolean last, List<DeviceCommand> messages) {
    }

    public synchronized Optional<Device> byRefreshToken(String refreshTokenId) {
        return devices.values().stream().filter(d -> refreshTokenId.equals(d.refreshTokenId())).findFirst();
    }

    public synchronized Optional<Device> byId(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** Every device whose refresh token (if any) is still alive; the others are dropped as production does. */
    public synchronized List<Device> list(Predicate<String> refreshTokenAlive) {
        devices.values().removeIf(d -> d.refreshTokenId() != null && !refreshTokenAlive.test(d.refreshTokenId()));
        queues.keySet().retainAll(devices.keySet());
        return new ArrayList<>(devices.values());
    }

    /** Creates a device (fresh id) or replaces the fields of an existing one. */
    public synchronized Device upsert(String id, String refreshTokenId, String name, String type,
            Map<String, String> availableCommands, long now) {
        Device old = id == null ? null : devices.get(id);
        String deviceId = old != null ? old.id() : id != null ? id : newId();
        Device d = new Device(deviceId, refreshTokenId, name != null ? name : old != null ? old.name() : null,
                type != null ? type : old != null ? old.type() : null,
                availableCommands != null ? availableCommands : old != null ? old.availableCommands() : Map.of(),
                old != null ? old.createdAt() : now, now);
        devices.put(deviceId, d);
        return d;
    }

    public synchronized Optional<Device> destroy(String id) {
        queues.remove(id);
        return Optional.ofNullable(devices.remove(id));
    }

    public synchronized long enqueue(String target, String command, ObjectNode payload, String sender, long ttlSeconds,
            long now) {
        long index = lastIndex.merge(target, 1L, Long::sum);
        queues.computeIfAbsent(target, k -> new ArrayList<>())
                .add(new DeviceCommand(index, command, payload.deepCopy(), sender, now + ttlSeconds * 1000));
        return index;
    }

    public synchronized Page retrieve(String deviceId, Long fromIndex, int limit, long now) {
        fetches.merge(deviceId, 1, Integer::sum);
        // A device nothing was ever sent to has no queue (and List.of() refuses even an empty removeIf).
        List<DeviceCommand> q = queues.computeIfAbsent(deviceId, k -> new ArrayList<>());
        q.removeIf(c -> c.expiresAtMillis() <= now);
        List<DeviceCommand> matching = q.stream().filter(c -> fromIndex == null || c.index() >= fromIndex).toList();
        List<DeviceCommand> page = matching.subList(0, Math.min(limit, matching.size()));
        long index = page.isEmpty() ? lastIndex.getOrDefault(deviceId, 0L) : page.get(page.size() - 1).index();
        return new Page(index, page.size() == matching.size(), List.copyOf(page));
    }

    /** How many times the device fetched its queue ({@code GET /v1/account/device/commands}). */
    public synchronized int fetches(String deviceId) {
        return fetches.getOrDefault(deviceId, 0);
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Hex.encode(b);
    }
}
