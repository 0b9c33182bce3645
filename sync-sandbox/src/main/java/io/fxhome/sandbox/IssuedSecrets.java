package io.fxhome.sandbox;

import java.util.List;

import io.fxhome.sandbox.secrets.IssuedSecretLog;

/**
 * Every secret the sandbox handed out for one account, and the account's kB: what a secret-hygiene test needs to
 * prove that none of them reaches a log line or a database row of the system under test. Sandbox accounts only; the
 * lists keep the latest {@link IssuedSecretLog#MAX_PER_KIND} values of each kind, oldest first.
 *
 * @param kBHex the account's class-B key (hex)
 * @param sessionTokens FxA session tokens (64 hex) from {@code /account/login}
 * @param keyFetchTokens keyFetchTokens (64 hex) from {@code /account/login} and {@code /session/reauth}
 * @param accessTokens OAuth access tokens (64 hex)
 * @param refreshTokens OAuth refresh tokens (64 hex)
 * @param storageTokenIds tokenserver token ids (the storage Hawk id)
 * @param storageTokenKeys tokenserver token keys (the storage Hawk key string)
 */
public record IssuedSecrets(String kBHex, List<String> sessionTokens, List<String> keyFetchTokens,
        List<String> accessTokens, List<String> refreshTokens, List<String> storageTokenIds,
        List<String> storageTokenKeys) {

    public IssuedSecrets {
        sessionTokens = List.copyOf(sessionTokens);
        keyFetchTokens = List.copyOf(keyFetchTokens);
        accessTokens = List.copyOf(accessTokens);
        refreshTokens = List.copyOf(refreshTokens);
        storageTokenIds = List.copyOf(storageTokenIds);
        storageTokenKeys = List.copyOf(storageTokenKeys);
    }

    @Override
    public String toString() {
        return "IssuedSecrets[sessions=" + sessionTokens.size() + ", keyFetchTokens=" + keyFetchTokens.size()
                + ", accessTokens=" + accessTokens.size() + ", refreshTokens=" + refreshTokens.size()
                + ", storageTokens=" + storageTokenIds.size() + ", values redacted]";
    }
}
