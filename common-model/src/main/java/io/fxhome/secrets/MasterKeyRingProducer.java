package io.fxhome.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the master key ring from configuration, failing with a message an operator can act on. */
@ApplicationScoped
public class MasterKeyRingProducer {

    @Produces
    @Singleton
    MasterKeyRing masterKeyRing(MasterKeyConfig config) {
        if (config.masterKey().isPresent()) {
            return MasterKeyRing.parse(config.masterKey().get(), "FXHOME_MASTER_KEY");
        }
        if (config.masterKeyFile().isPresent()) {
            Path file = Path.of(config.masterKeyFile().get());
            try {
                return MasterKeyRing.parse(Files.readString(file), "FXHOME_MASTER_KEY_FILE " + file);
            } catch (IOException e) {
                throw new MasterKeyException("cannot read FXHOME_MASTER_KEY_FILE " + file + ": " + e.getMessage());
            }
        }
        throw new MasterKeyException("no master key: set FXHOME_MASTER_KEY (base64 of 32 random bytes, e.g. "
                + "`head -c 32 /dev/urandom | base64`) or FXHOME_MASTER_KEY_FILE; it encrypts the secrets fxhome keeps for each account");
    }

    @Produces
    @Singleton
    AccountSecretsCipher accountSecretsCipher(MasterKeyRing ring) {
        return new AccountSecretsCipher(ring);
    }
}
