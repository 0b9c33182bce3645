package io.fxhome.secrets;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Checks at start that the configured master keys can unwrap every data key in the database, so that a wrong key
 * stops the process at once instead of failing account by account later.
 */
@ApplicationScoped
public class MasterKeyVerifier {
    private final MasterKeyRing ring;
    private final EntityManager em;

    public MasterKeyVerifier(MasterKeyRing ring, EntityManager em) {
        this.ring = ring;
        this.em = em;
    }

    @Transactional
    public void verify() {
        @SuppressWarnings("unchecked")
        List<Integer> stored = em.createNativeQuery("select distinct master_key_version from account_secret").getResultList();
        List<Integer> unknown = stored.stream().filter(v -> ring.byVersion(v).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new MasterKeyException("wrong master key: the database holds secrets wrapped by master key version(s) "
                    + unknown + " but this process was given " + ring.versions()
                    + ". Use the key the data was written with (list old keys after the new one while rotating).");
        }
    }
}
