package io.fxhome.model.account;

import java.time.Instant;
import java.util.UUID;

import io.fxhome.secrets.SealedAccountSecrets;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The sealed secrets of one account: ciphertext only (see {@link io.fxhome.secrets.AccountSecretsCipher}). */
@Entity
@Table(name = "account_secret")
public class AccountSecretRow extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "master_key_version", nullable = false)
    public int masterKeyVersion;

    @Column(name = "wrapped_data_key", nullable = false)
    public byte[] wrappedDataKey;

    @Column(name = "refresh_token", nullable = false)
    public byte[] refreshToken;

    @Column(name = "sync_key_bundle", nullable = false)
    public byte[] syncKeyBundle;

    @Column(name = "key_id", nullable = false)
    public byte[] keyId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public SealedAccountSecrets sealed() {
        return new SealedAccountSecrets(masterKeyVersion, wrappedDataKey, refreshToken, syncKeyBundle, keyId);
    }

    public void store(SealedAccountSecrets sealed) {
        masterKeyVersion = sealed.masterKeyVersion();
        wrappedDataKey = sealed.wrappedDataKey();
        refreshToken = sealed.refreshToken();
        syncKeyBundle = sealed.syncKeyBundle();
        keyId = sealed.keyId();
        updatedAt = Instant.now();
    }

    @Override
    public String toString() {
        return "AccountSecretRow[" + accountId + ", masterKeyVersion=" + masterKeyVersion + "]";
    }
}
