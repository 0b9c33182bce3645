package io.fxhome.sync.vectors;

import static io.fxhome.sync.vectors.VectorCases.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.AccountKeysBundle;
import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.FxaTokenKeys;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.Hkdf;
import io.fxhome.sync.crypto.OnePwCredentials;

/** onepw.json: password stretching, token derivations and the /account/keys bundle, through the client's classes. */
class OnePwVectorsTest {

    static Stream<Arguments> cases() {
        return VectorCases.of("onepw.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproduces(JsonNode testCase) {
        VectorCheck c = new VectorCheck(testCase);
        switch (testCase.get("kind").asText()) {
            case "onepw_stretch_v1" -> stretchV1(c);
            case "onepw_stretch_v2" -> stretchV2(c);
            case "hkdf_token_derivation" -> tokenDerivation(c, testCase);
            case "onepw_account_keys_bundle" -> accountKeysBundle(c);
            case "onepw_unbundle" -> unbundle(c);
            default -> throw new AssertionError("no checker for kind " + testCase.get("kind"));
        }
        c.assertComplete();
    }

    private static void stretchV1(VectorCheck c) {
        JsonNode i = c.in();
        String email = i.get("email_utf8").asText();
        String password = i.get("password_utf8").asText();
        c.eq("email_utf8_hex", Hex.encode(email.getBytes(StandardCharsets.UTF_8)), i.get("email_utf8_hex").asText());
        c.eq("password_utf8_hex", Hex.encode(password.getBytes(StandardCharsets.UTF_8)),
                i.get("password_utf8_hex").asText());
        OnePwCredentials creds = OnePwCredentials.v1(email, password);
        c.exp("quickStretchedPW_hex", Hex.encode(creds.quickStretchedPW()));
        c.exp("authPW_hex", creds.authPwHex());
        c.exp("unwrapBKey_hex", Hex.encode(creds.unwrapBKey()));
        if (i.has("authSalt_hex")) {
            // Server-side values (the client never computes them); they exercise HKDF on a second input.
            byte[] big = SCrypt.generate(creds.authPW(), hex(i.get("authSalt_hex")), 65536, 8, 1, 32);
            c.exp("bigStretchedPW_hex", Hex.encode(big));
            c.exp("verifyHash_hex", Hex.encode(Hkdf.derive(big, OnePwCredentials.NAMESPACE + "verifyHash", 32)));
            c.exp("wrapwrapKey_hex", Hex.encode(Hkdf.derive(big, OnePwCredentials.NAMESPACE + "wrapwrapKey", 32)));
        }
    }

    private static void stretchV2(VectorCheck c) {
        JsonNode i = c.in();
        c.eq("pbkdf2_iterations", i.get("pbkdf2_iterations").asInt(), OnePwCredentials.V2_ITERATIONS);
        OnePwCredentials creds = OnePwCredentials.v2(i.get("clientSalt_utf8").asText(), i.get("password_utf8").asText());
        c.exp("authPW_hex", creds.authPwHex());
        c.exp("unwrapBKey_hex", Hex.encode(creds.unwrapBKey()));
    }

    private static void tokenDerivation(VectorCheck c, JsonNode testCase) {
        FxaTokenKeys keys = FxaTokenKeys.derive(hex(c.in().get("token_hex")),
                FxaTokenKeys.Kind.fromInfo(c.in().get("info_utf8").asText()));
        byte[][] parts = { keys.tokenId(), keys.reqHmacKey(), keys.keyRequestKey() };
        JsonNode order = testCase.get("output_order");
        for (int n = 0; n < order.size(); n++) {
            c.exp(order.get(n).asText(), Hex.encode(parts[n]));
        }
        c.eq("Hawk id = hex(tokenId)", keys.hawkCredentials().id(), Hex.encode(parts[0]));
    }

    private static void accountKeysBundle(VectorCheck c) {
        JsonNode i = c.in();
        byte[] krk = FxaTokenKeys.derive(hex(i.get("keyFetchToken_hex")), FxaTokenKeys.Kind.KEY_FETCH).keyRequestKey();
        if (i.has("keyRequestKey_hex")) {
            c.eq("inputs.keyRequestKey_hex (from keyFetchToken)", Hex.encode(krk), i.get("keyRequestKey_hex").asText());
        }
        byte[][] rk = AccountKeysBundle.responseKeys(krk);
        c.exp("respHMACkey_hex", Hex.encode(rk[0]));
        c.exp("respXORkey_hex", Hex.encode(rk[1]));
        byte[] kA = hex(i.get("kA_hex"));
        byte[] wrapKB = hex(i.get("wrapkB_hex"));
        c.exp("plaintext_hex", Hex.encode(Bytes.concat(kA, wrapKB)));
        byte[] response = AccountKeysBundle.bundle(krk, kA, wrapKB);
        c.exp("ciphertext_hex", Hex.encode(Arrays.copyOfRange(response, 0, 64)));
        c.exp("MAC_hex", Hex.encode(Arrays.copyOfRange(response, 64, 96)));
        c.exp("response_hex", Hex.encode(response));
        // Client direction, on the published response.
        AccountKeysBundle.AccountKeys keys = AccountKeysBundle.unbundle(krk, hex(c.expected().get("response_hex")));
        c.eq("client unbundle kA", Hex.encode(keys.kA()), Hex.encode(kA));
        c.eq("client unbundle wrapKB", Hex.encode(keys.wrapKB()), Hex.encode(wrapKB));
        if (i.has("unwrapBKey_hex")) {
            c.exp("kB_hex", Hex.encode(keys.kB(hex(i.get("unwrapBKey_hex")))));
        }
    }

    private static void unbundle(VectorCheck c) {
        AccountKeysBundle.AccountKeys keys = AccountKeysBundle.unbundle(hex(c.in().get("bundleKey_hex")),
                hex(c.in().get("bundle_hex")));
        c.exp("kA_hex", Hex.encode(keys.kA()));
        c.exp("wrapKB_hex", Hex.encode(keys.wrapKB()));
    }
}
