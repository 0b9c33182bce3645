package io.fxhome.sync.vectors;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.FxaTokenKeys;

/** fxa_bearer.json: the typed {@code Bearer fxs_<tokenId>} header newer FxA servers accept. */
class FxaBearerVectorsTest {

    static Stream<Arguments> cases() {
        return VectorCases.of("fxa_bearer.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproduces(JsonNode testCase) {
        VectorCheck c = new VectorCheck(testCase);
        if (!"fxa_bearer".equals(testCase.get("kind").asText())) {
            throw new AssertionError("no checker for kind " + testCase.get("kind"));
        }
        FxaTokenKeys keys = FxaTokenKeys.derive(VectorCases.hex(c.in().get("token_hex")),
                FxaTokenKeys.Kind.fromInfo(c.in().get("token_kind").asText()));
        c.exp("authorization", keys.bearerAuthorization());
        c.assertComplete();
    }
}
