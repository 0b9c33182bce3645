package io.fxhome.sandbox.secrets;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per FxA uid, the secrets the sandbox's services issued, for the secret-hygiene tests
 * ({@code Sandbox.issuedSecrets}). Bounded per account and kind so that long runs (benchmarks, the demo) do not grow
 * it.
 */
public final class IssuedSecretLog {
    /** The latest values kept per account and kind. */
    public static final int MAX_PER_KIND = 256;

    /** What was issued. */
    public enum Kind {
        KB,
        SESSION_TOKEN,
        KEY_FETCH_TOKEN,
        ACCESS_TOKEN,
        REFRESH_TOKEN,
        STORAGE_TOKEN_ID,
        STORAGE_TOKEN_KEY
    }

    private final Map<String, EnumMap<Kind, ArrayDeque<String>>> byUid = new ConcurrentHashMap<>();

    public void record(String fxaUid, Kind kind, String value) {
        if (fxaUid == null || value == null) {
            return;
        }
        EnumMap<Kind, ArrayDeque<String>> kinds = byUid.computeIfAbsent(fxaUid, k -> new EnumMap<>(Kind.class));
        synchronized (kinds) {
            ArrayDeque<String> values = kinds.computeIfAbsent(kind, k -> new ArrayDeque<>());
            if (values.size() >= MAX_PER_KIND) {
                values.removeFirst();
            }
            values.addLast(value);
        }
    }

    /** Every kind's values kept for the account, oldest first (taken at one instant). */
    public Map<Kind, List<String>> snapshot(String fxaUid) {
        EnumMap<Kind, ArrayDeque<String>> kinds = byUid.getOrDefault(fxaUid, new EnumMap<>(Kind.class));
        synchronized (kinds) {
            Map<Kind, List<String>> copy = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                ArrayDeque<String> values = kinds.get(kind);
                copy.put(kind, values == null ? List.of() : List.copyOf(values));
            }
            return copy;
        }
    }

    public void forget(String fxaUid) {
        byUid.remove(fxaUid);
    }
}
