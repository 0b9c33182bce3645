package io.fxhome.sync.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.fxa.OAuthPending;
import io.fxhome.sync.hawk.HawkCredentials;
import io.fxhome.sync.token.SyncToken;

/** Types that hold secrets never print them. */
class RedactionTest {

    @Test
    void keyMaterialNeverAppearsInToString() {
        KeyBundle bundle = KeyBundle.random(new SecureRandom());
        assertThat(bundle.toString()).doesNotContain(bundle.toBase64Pair().get(0))
                .doesNotContain(bundle.toBase64Pair().get(1)).doesNotContain(Hex.encode(bundle.encryptionKey()))
                .contains(bundle.fingerprint());
        assertThat(new CollectionKeys(bundle, Map.of("history", bundle)).toString())
                .doesNotContain(bundle.toBase64Pair().get(0)).contains("history");

        OnePwCredentials creds = OnePwCredentials.v1("a@example.com", "hunter2");
        assertThat(creds.toString()).doesNotContain("hunter2").doesNotContain(creds.authPwHex());

        HawkCredentials hawk = HawkCredentials.withStringKey("the-id", "the-key-string");
        assertThat(hawk.toString()).doesNotContain("the-key-string").doesNotContain("the-id");

        SyncToken token = new SyncToken("tok-id", "tok-key", 1, URI.create("https://n/1.5/1"), 3600, Instant.EPOCH);
        assertThat(token.toString()).doesNotContain("tok-id").doesNotContain("tok-key");

        FxaTokenKeys keys = FxaTokenKeys.derive(new byte[32], FxaTokenKeys.Kind.SESSION);
        assertThat(keys.toString()).doesNotContain(keys.tokenIdHex()).doesNotContain(Hex.encode(keys.reqHmacKey()));

        JweDecrypter jwe = JweDecrypter.generate(new SecureRandom());
        assertThat(jwe.toString()).doesNotContain(Bytes.base64UrlNoPad(jwe.privateKeyBytes()))
                .doesNotContain(Hex.encode(jwe.privateKeyBytes()));

        OAuthPending pending = new OAuthPending("st4te", "verifier-verifier", jwe.privateKeyBytes(), "https://cb/",
                "1b1a3e44c54fbb58");
        assertThat(pending.toString()).doesNotContain("st4te").doesNotContain("verifier-verifier")
                .doesNotContain(Base64.getEncoder().encodeToString(jwe.privateKeyBytes()));

        ScopedKey scoped = ScopedKeyDerivation.derive(SyncKeyDerivation.OLDSYNC_SCOPE, new byte[32], new byte[32],
                new byte[16], 1L);
        assertThat(scoped.toString()).doesNotContain(scoped.kBase64Url());
    }

    @Test
    void bundlesCompareByValue() {
        KeyBundle a = KeyBundle.random(new SecureRandom());
        KeyBundle b = KeyBundle.fromBase64Pair(a.toBase64Pair().get(0), a.toBase64Pair().get(1));
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(KeyBundle.fromKSync(a.toKSync())).isEqualTo(a);
        assertThat(KeyBundle.random(new SecureRandom())).isNotEqualTo(a);
    }
}
