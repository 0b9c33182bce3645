package io.fxhome.sandbox.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Global and per-account fault plans. An answer for an account consumes that account's armed fault first, then a
 * global one; latency is the larger of the two. Also counts each account's requests to the tokenserver and the storage
 * nodes, so that a test can tell a client stayed away.
 */
public final class Faults {
    private final FaultPlan global = new FaultPlan();
    private final Map<String, FaultPlan> byAccount = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** One more request of this account reached the tokenserver or a storage node (before any fault). */
    public void called(String fxaUid) {
        calls.computeIfAbsent(fxaUid, k -> new AtomicInteger()).incrementAndGet();
    }

    /** The account's requests to the tokenserver and the storage nodes so far. */
    public int calls(String fxaUid) {
        AtomicInteger n = calls.get(fxaUid);
        return n == null ? 0 : n.get();
    }

    public FaultPlan global() {
        return global;
    }

    /** The plan of an account, by FxA uid. */
    public FaultPlan account(String fxaUid) {
        return byAccount.computeIfAbsent(fxaUid, k -> new FaultPlan());
    }

    /** Consumes one occurrence of a fault for an answer to this account (null: unknown account, global only). */
    public int take(String fxaUid, Function<FaultPlan, CountedFault> which) {
        if (fxaUid != null) {
            FaultPlan p = byAccount.get(fxaUid);
            if (p != null) {
                int s = which.apply(p).take();
                if (s >= 0) {
                    return s;
                }
            }
        }
        return which.apply(global).take();
    }

    public long latencyMillis(String fxaUid) {
        FaultPlan p = fxaUid == null ? null : byAccount.get(fxaUid);
        return Math.max(global.latencyMillis(), p == null ? 0 : p.latencyMillis());
    }

    public void forget(String fxaUid) {
        byAccount.remove(fxaUid);
        calls.remove(fxaUid);
    }

    public void clearAll() {
        global.clear();
        byAccount.values().forEach(FaultPlan::clear);
    }
}
