package io.fxhome.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.OfflineLink;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.SignInResult;

/**
 * The fleet benchmark links thousands of accounts with {@code Sandbox.issueOfflineLink} instead of password sign-ins:
 * what it issues must be what fxhome's real sign-in ends with (the same kSync and X-KeyID), and its refresh token must
 * work as a signed-in one does.
 */
class SandboxOfflineLinkTest {
    @Test
    void issuesWhatAPasswordSignInEndsWith() throws Exception {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024))) {
            server.sandbox().createAccount(NewAccount.of("offline@example.test", "pw")
                    .withProfile(ProfileSpec.small(7).withSizes(2, 2, 1)));
            FxaClient fxa = FxaClient.create(FxaConfig.production().withAuthUrl(URI.create(server.baseUrl())));
            SignInResult.SignedIn signedIn = (SignInResult.SignedIn) fxa.signIn("offline@example.test", "pw");
            LinkedAccount linked = fxa.completeLink(signedIn.pending());

            OfflineLink offline = server.sandbox().issueOfflineLink("offline@example.test", FxaConfig.DEFAULT_CLIENT_ID);

            assertThat(offline.uid()).isEqualTo(linked.uid());
            assertThat(offline.kSync()).isEqualTo(linked.credentials().syncKeys().toKSync());
            assertThat(offline.keyId()).isEqualTo(linked.credentials().keyId());
            assertThat(offline.refreshToken()).isNotEqualTo(linked.credentials().refreshToken());
            assertThat(fxa.refresh(offline.refreshToken()).accessToken()).isNotNull();
            assertThat(offline.toString()).doesNotContain(offline.refreshToken());
        }
    }
}
