package io.fxhome.model.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A linked Firefox Account. Every per-user row hangs off its id. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "fxa_uid", nullable = false)
    public String fxaUid;

    @Column(nullable = false)
    public String email;

    @Convert(converter = AccountStatusConverter.class)
    @Column(nullable = false)
    public AccountStatus status = AccountStatus.ACTIVE;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "last_sync_at")
    public Instant lastSyncAt;

    @Column(name = "next_sync_at")
    public Instant nextSyncAt;

    @Column(name = "backoff_until")
    public Instant backoffUntil;

    @Column(name = "failure_count", nullable = false)
    public int failureCount;

    public static Optional<Account> findByFxaUid(String fxaUid) {
        return find("fxaUid", fxaUid).firstResultOptional();
    }

    @Override
    public String toString() {
        return "Account[" + id + ", " + status.dbValue() + "]";
    }
}
