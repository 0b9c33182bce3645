package io.fxhome.sync.error;

/**
 * The tokenserver named a storage endpoint fxhome will not send a user's token to: another scheme than http(s), plain
 * http from a tokenserver reached over https, or a URL with credentials, query or fragment. Nothing was sent to it.
 * Status {@link SyncStatus#OTHER}: retrying helps only once the tokenserver is fixed, so the job is retried and then
 * dead-lettered, and the account's status says why from the first refusal.
 */
public final class UntrustedEndpointException extends SyncException {

    public UntrustedEndpointException(String problem) {
        super("The tokenserver's storage endpoint was refused: " + problem);
    }

    @Override
    public SyncStatus status() {
        return SyncStatus.OTHER;
    }
}
