package io.fxhome.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                throw new MasterKeyException(origin
                        + " is not base64 (expected base64 of 32 random bytes, e.g. `head -c 32 /dev/urandom | base64`)");
            }
            if (raw.length != 32) {
                throw new MasterKeyException(
                        origin + " holds a key of " + raw.length + " bytes; a master key is 32 random bytes, base64-encoded");
            }
            keys.add(new MasterKey(raw));
        }
        if (keys.isEmpty()) {
            throw new MasterKeyException(origin + " holds no key");
        }
        return new MasterKeyRing(keys.getFirst(), keys.subList(1, keys.size()));
    }

    /**
     * The ring an operator configured: {@code FXHOME_MASTER_KEY} (the keys themselves) wins over
     * {@code FXHOME_MASTER_KEY_FILE} (a file holding them). Shared by the apps and the command-line tools.
     *
     * @throws MasterKeyException when neither is set, the file cannot be read, or a key is malformed
     */
    public static MasterKeyRing load(Optional<String> keys, Optional<String> keyFile) {
        if (keys.isPresent() && !keys.get().isBlank()) {
            return parse(keys.get(), "FXHOME_MASTER_KEY");
        }
        if (keyFile.isPresent() && !keyFile.get().isBlank()) {
            Path file = Path.of(keyFile.get());
            try {
                return parse(Files.readString(file), "FXHOME_MASTER_KEY_FILE " + file);
            } catch (IOException e) {
                throw new MasterKeyException("cannot read FXHOME_MASTER_KEY_FILE " + file + ": " + e.getMessage());
            }
        }
        throw new MasterKeyException("no master key: set FXHOME_MASTER_KEY (base64 of 32 random bytes, e.g. "
                + "`head -c 32 /dev/urandom | base64`) or FXHOME_MASTER_KEY_FILE; it encrypts the secrets fxhome keeps for each account");
    }

    @Override
    public String toString() {
        return "MasterKeyRing[current=" + current.version() + ", previous=" + previous.stream().map(MasterKey::version).toList()
                + "]";
    }
}
