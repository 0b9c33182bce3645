package io.fxhome.sync.error;

/**
 * The small set of outcomes a caller acts on, as in application-services' sync15 {@code ServiceStatus}.
 * For fxhome's worker: {@code OK} ack, {@code NETWORK}/{@code SERVICE} retry later, {@code BACKED_OFF} retry after
 * the server's time, {@code AUTH} mark the account as needing re-authentication, {@code OTHER} dead-letter and alert.
 */
public enum SyncStatus {
    OK,
    NETWORK,
    SERVICE,
    AUTH,
    BACKED_OFF,
    OTHER
}
