package io.fxhome.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per FxA uid, the secrets the sandbox issued, for {@link Sandbox#issuedSecrets(String)}. Bounded per
 * account and kind so that long runs (benchmarks, the demo) do not grow it.
 */
public final class IssuedSecretLog {
    /** The latest values kept per account and kind. */
    public static final int MAX_PER_KIND = 256;

    /** What was issued. */
    public enum Kind {
        KB, SESSION_TOKEN, KEY_FETCH_TOKEN, ACCESS_TOKEN, REFRESH_TOKEN, STORAGE_TOKEN_ID, STORAGE_TOKEN_KEY
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

    IssuedSecrets snapshot(String fxaUid) {
        EnumMap<Kind, ArrayDeque<String>> kinds = byUid.getOrDefault(fxaUid, new EnumMap<>(Kind.class));
        synchronized (kinds) {
            List<String> kb = list(kinds, Kind.KB);
            return new IssuedSecrets(kb.isEmpty() ? null : kb.getLast(), list(kinds, Kind.SESSION_TOKEN),
                    list(kinds, Kind.KEY_FETCH_TOKEN), list(kinds, Kind.ACCESS_TOKEN), list(kinds, Kind.REFRESH_TOKEN),
                    list(kinds, Kind.STORAGE_TOKEN_ID), list(kinds, Kind.STORAGE_TOKEN_KEY));
        }
    }

    void forget(String fxaUid) {
        byUid.remove(fxaUid);
    }

    private static List<String> list(EnumMap<Kind, ArrayDeque<String>> kinds, Kind kind) {
        ArrayDeque<String> values = kinds.get(kind);
        return values == null ? List.of() : new ArrayList<>(values);
    }
}
