package io.fxhome.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the master key ring from configuration, failing with a message an operator can act on. */
@ApplicationScoped
public class MasterKeyRingProducer {

    @Produces
    @Singleton
    MasterKeyRing masterKeyRing(MasterKeyConfig config) {
        return MasterKeyRing.load(config.masterKey(), config.masterKeyFile());
    }

    @Produces
    @Singleton
    AccountSecretsCipher accountSecretsCipher(MasterKeyRing ring) {
        return new AccountSecretsCipher(ring);
    }

    @Produces
    @Singleton
    SecretSealer secretSealer(MasterKeyRing ring) {
        return new SecretSealer(ring);
    }
}
