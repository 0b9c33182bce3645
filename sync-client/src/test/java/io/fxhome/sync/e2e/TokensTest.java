package io.fxhome.sync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.IssuedSecrets;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.AuthenticationException;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.error.TokenServerException;
import io.fxhome.sync.fxa.AccessToken;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.SyncCredentials;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.http.BackoffTracker;
import io.fxhome.sync.storage.DownloadRequest;
import io.fxhome.sync.token.SyncToken;
import io.fxhome.sync.token.TokenServerClient;

/**
 * The token chain against the sandbox: refresh token → OAuth access token → tokenserver token → storage, its refusals
 * (revoked refresh token, wrong key id), and the reuse of cached tokens across sync cycles.
 */
class TokensTest {
    private static final int PAGE = 1000;
    private static ClientSandbox env;

    @BeforeAll
    static void start() {
        env = ClientSandbox.start();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static TokenServerClient tokenServer() {
        return new TokenServerClient(URI.create(env.baseUrl()), env.http(), Clock.systemUTC(),
                new BackoffTracker(Clock.systemUTC()), HawkSigner.systemDefault());
    }

    @Test
    void refreshTokenGivesAnAccessTokenWhichGivesAStorageToken() {
        ClientSandbox.Linked a = env.linkedAccount("chain", null);
        AccountInfo info = env.sandbox().account(a.email()).orElseThrow();
        SyncCredentials credentials = a.account().credentials();

        Instant before = Instant.now();
        AccessToken access = env.fxa().refresh(credentials.refreshToken()).accessToken();
        assertThat(access.token()).matches("[0-9a-f]{64}").isNotEqualTo(a.account().accessToken().token());
        assertThat(access.scope()).contains(SyncKeyDerivation.OLDSYNC_SCOPE);
        // FxA caps access tokens at oauthServer.expiration.accessToken, 365 minutes.
        assertThat(access.expiresAt()).isBetween(before.plusSeconds(365 * 60 - 100), Instant.now().plusSeconds(365 * 60 + 1));

        SyncToken token = tokenServer().fetch(access.token(), credentials.keyId(), null);
        assertThat(token.uid()).isEqualTo(info.storageUid());
        assertThat(token.apiEndpoint()).isEqualTo(URI.create(env.baseUrl() + info.storagePath()));
        assertThat(token.durationSeconds()).isEqualTo(3600);
        assertThat(token.key()).hasSize(44);
        assertThat(token.toString()).doesNotContain(token.key(), token.id());

        // The same chain inside SyncClient, starting from the refresh token alone, reaches storage.
        SyncClient client = SyncClient.builder(env.clientConfig(PAGE), credentials).http(env.http()).build();
        assertThat(client.node()).isEqualTo(token.node());
        assertThat(client.infoCollections(null)).isPresent();
        assertThat(client.accessToken()).isPresent();
    }

    @Test
    void aRevokedRefreshTokenIsRefusedAndMeansReauthentication() {
        ClientSandbox.Linked a = env.linkedAccount("revoked", null);
        String refresh = a.account().credentials().refreshToken();
        FxaClient fxa = env.fxa();

        fxa.destroy(refresh);

        FxaException refused = catchThrowableOfType(FxaException.class, () -> fxa.refresh(refresh));
        assertThat(refused.kind()).isEqualTo(FxaException.Kind.INVALID_TOKEN);
        assertThat(refused.status()).isEqualTo(SyncStatus.AUTH);
        assertThat(refused.getMessage()).doesNotContain(refresh);
        SyncClient client = SyncClient.builder(env.clientConfig(PAGE), a.account().credentials()).http(env.http())
                .build();
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, client::token);
        assertThat(e.status()).isEqualTo(SyncStatus.AUTH);
        assertThat(e.getMessage()).contains("re-authentication").doesNotContain(refresh);
    }

    @Test
    void aWrongKeyIdIsRefusedByTheTokenserver() {
        ClientSandbox.Linked a = env.linkedAccount("wrong-kid", null);
        SyncCredentials c = a.account().credentials();
        String otherClientState = SyncKeyDerivation.keyId(c.keyRotationTimestamp(), new byte[32]);

        TokenServerException raw = catchThrowableOfType(TokenServerException.class,
                () -> tokenServer().fetch(a.account().accessToken().token(), otherClientState, null));
        assertThat(raw.httpStatus()).isEqualTo(401);
        assertThat(raw.statusText()).isEqualTo("invalid-client-state");

        SyncCredentials wrong = new SyncCredentials(c.refreshToken(), c.syncKeys(), otherClientState,
                c.keyRotationTimestamp());
        SyncClient client = SyncClient.builder(env.clientConfig(PAGE), wrong).http(env.http()).build();
        assertThat(catchThrowableOfType(AuthenticationException.class, client::token).status())
                .isEqualTo(SyncStatus.AUTH);
    }

    @Test
    void cachedTokensAreReusedByTheNextCycleWithoutAskingAgain() {
        ClientSandbox.Linked a = env.linkedAccount("reuse", ProfileSpec.small(ClientSandbox.nextSeed()));
        SyncClient first = env.client(a.account(), PAGE);
        TruthAssertions.assertAccountEqualsTruth(first, env.sandbox().truth(a.email()), PAGE);
        SyncToken token = first.currentToken().orElseThrow();
        AccessToken access = first.accessToken().orElseThrow();
        IssuedSecrets issued = env.sandbox().issuedSecrets(a.email());

        SyncClient second = SyncClient.builder(env.clientConfig(PAGE), a.account().credentials()).http(env.http())
                .knownNode(token.node()).token(token).accessToken(access).build();
        TruthAssertions.assertAccountEqualsTruth(second, env.sandbox().truth(a.email()), PAGE);

        IssuedSecrets after = env.sandbox().issuedSecrets(a.email());
        assertThat(after.storageTokenIds()).isEqualTo(issued.storageTokenIds());
        assertThat(after.accessTokens()).isEqualTo(issued.accessTokens());
        assertThat(second.currentToken()).contains(token);
    }

    @Test
    void aCachedTokenTheStorageNoLongerTakesIsRenewedWithTheCachedAccessToken() {
        ClientSandbox.Linked a = env.linkedAccount("stale-cache", ProfileSpec.small(ClientSandbox.nextSeed()));
        SyncClient first = env.client(a.account(), PAGE);
        SyncToken token = first.token();
        AccessToken access = first.accessToken().orElseThrow();
        env.sandbox().expireTokens(a.email());
        int accessTokens = env.sandbox().issuedSecrets(a.email()).accessTokens().size();

        SyncClient second = SyncClient.builder(env.clientConfig(PAGE), a.account().credentials()).http(env.http())
                .knownNode(token.node()).token(token).accessToken(access).build();
        TruthAssertions.assertAccountEqualsTruth(second, env.sandbox().truth(a.email()), PAGE);

        assertThat(second.currentToken()).isPresent().get().isNotEqualTo(token);
        assertThat(env.sandbox().issuedSecrets(a.email()).accessTokens()).hasSize(accessTokens);
    }

    @Test
    void aCachedTokenForAnotherNodeIsNotUsed() {
        ClientSandbox.Linked a = env.linkedAccount("other-node", ProfileSpec.small(ClientSandbox.nextSeed()));
        SyncToken token = env.client(a.account(), PAGE).token();
        env.sandbox().reassignNode(a.email(), true);
        SyncToken moved = env.client(a.account(), PAGE).token();
        assertThat(moved.node()).isNotEqualTo(token.node());

        SyncClient client = SyncClient.builder(env.clientConfig(PAGE), a.account().credentials()).http(env.http())
                .knownNode(moved.node()).token(token).build();

        assertThat(client.currentToken()).isEmpty();
        assertThat(client.node()).isEqualTo(moved.node());
        CollectingSink sink = new CollectingSink();
        client.download(DownloadRequest.all("history"), client.collectionKeys().orElseThrow(), sink);
        assertThat(sink.records().keySet()).containsAll(env.sandbox().truth(a.email()).collection("history").records()
                .keySet());
    }
}
