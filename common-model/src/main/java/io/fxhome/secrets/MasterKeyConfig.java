package io.fxhome.secrets;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the operator's master key comes from. Never put it in the database, an image or a log. */
@ConfigMapping(prefix = "fxhome")
public interface MasterKeyConfig {
    /**
     * {@code fxhome.master-key} (env {@code FXHOME_MASTER_KEY}): base64 of 32 random bytes. During a rotation, list the
     * new key first and the old ones after it, comma-separated. No default: a process that keeps secrets refuses to
     * start without one ({@code ./fxhome demo} generates one).
     */
    Optional<String> masterKey();

    /** {@code fxhome.master-key-file} (env {@code FXHOME_MASTER_KEY_FILE}): a file holding the key(s), one per line. */
    Optional<String> masterKeyFile();
}
