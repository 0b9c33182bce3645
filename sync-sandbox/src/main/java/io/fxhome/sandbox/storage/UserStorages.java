package io.fxhome.sandbox.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every storage uid's data, on either node: what the storage nodes serve and the tokenserver assigns. */
public final class UserStorages {
    private final Map<Long, UserStorage> byUid = new ConcurrentHashMap<>();
    private final AtomicLong nextUid = new AtomicLong(1_000_001);

    /** An empty storage under a new uid. */
    public UserStorage create() {
        UserStorage storage = new UserStorage(nextUid.getAndIncrement());
        byUid.put(storage.uid(), storage);
        return storage;
    }

    /** The storage of this uid; null when there is none (any more). */
    public UserStorage byUid(long uid) {
        return byUid.get(uid);
    }

    public void remove(long uid) {
        byUid.remove(uid);
    }
}
