package io.fxhome.secrets;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The master keys a process knows: the current one, which wraps every new data key, and any previous ones still
 * needed to unwrap data keys that have not been re-wrapped yet (during a rotation).
 */
public final class MasterKeyRing {
    private final MasterKey current;
    private final List<MasterKey> previous;

    public MasterKeyRing(MasterKey current, List<MasterKey> previous) {
        this.current = current;
        this.previous = List.copyOf(previous);
    }

    public MasterKey current() {
        return current;
    }

    public Optional<MasterKey> byVersion(int version) {
        if (current.version() == version) {
            return Optional.of(current);
        }
        return previous.stream().filter(k -> k.version() == version).findFirst();
    }

    public List<Integer> versions() {
        List<Integer> versions = new ArrayList<>();
        versions.add(current.version());
        previous.forEach(k -> versions.add(k.version()));
        return versions;
    }

    /**
     * Parses keys as the operator writes them: base64 of 32 random bytes, one per line or comma-separated; blank lines
     * and lines starting with '#' are ignored. The first key is the current one.
     */
    public static MasterKeyRing parse(String text, String origin) {
        List<MasterKey> keys = new ArrayList<>();
        for (String line : text.split("[\\r\\n,]+")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(trimmed);
            } catch (IllegalArgumentException e) {
                throw new MasterKeyException(origin + " is not base64 (expected base64 of 32 random bytes, e.g. `head -c 32 /dev/urandom | base64`)");
            }
            if (raw.length != 32) {
                throw new MasterKeyException(origin + " holds a key of " + raw.length + " bytes; a master key is 32 random bytes, base64-encoded");
            }
            keys.add(new MasterKey(raw));
        }
        if (keys.isEmpty()) {
            throw new MasterKeyException(origin + " holds no key");
        }
        return new MasterKeyRing(keys.getFirst(), keys.subList(1, keys.size()));
    }

    @Override
    public String toString() {
        return "MasterKeyRing[current=" + current.version() + ", previous=" + previous.stream().map(MasterKey::version).toList() + "]";
    }
}
