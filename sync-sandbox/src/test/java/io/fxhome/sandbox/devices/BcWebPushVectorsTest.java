package io.fxhome.sandbox.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.vectors.testing.Vectors;

/** The simulated Firefox's own Web Push encryption against RFC 8291's example (webpush.json). */
class BcWebPushVectorsTest {

    @Test
    void reproducesTheRfc8291ExampleBothWays() {
        JsonNode c = Vectors.caseById("webpush.json", "rfc8291-5");
        JsonNode in = c.get("inputs");
        byte[] body = BcWebPush.encrypt(b64(in, "ua_public"), b64(in, "auth_secret"), in.get("plaintext_utf8")
                .asText().getBytes(StandardCharsets.UTF_8), b64(in, "as_private"), b64(in, "salt"));
        assertThat(Base64s.urlNoPad(body)).isEqualTo(c.get("expected").get("body").asText());

        BcWebPush.Keys receiver = new BcWebPush.Keys(b64(in, "ua_private"), b64(in, "ua_public"), b64(in,
                "auth_secret"));
        assertThat(new String(BcWebPush.decrypt(receiver, body), StandardCharsets.UTF_8)).isEqualTo(in.get(
                "plaintext_utf8").asText());
    }

    @Test
    void aFreshMessageRoundTripsAndATamperedOneIsRefused() {
        SecureRandom random = new SecureRandom();
        BcWebPush.Keys keys = BcWebPush.generate(random);
        byte[] body = BcWebPush.encrypt(keys.publicPoint(), keys.authSecret(), "hello".getBytes(
                StandardCharsets.UTF_8), random);
        assertThat(BcWebPush.decrypt(keys, body)).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        body[body.length - 3] ^= 1;
        assertThatThrownBy(() -> BcWebPush.decrypt(keys, body)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] b64(JsonNode in, String key) {
        return Base64s.fromUrl(in.get(key).asText());
    }
}
