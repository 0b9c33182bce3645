package io.fxhome.sandbox.tokenserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * syncstorage-rs's key-change rules (extractors.rs validate, handlers.rs update_user) on the sandbox's user record:
 * what production refuses stays refused, and the "key rotation" production accepts (a new client state with a newer
 * generation and a newer keys_changed_at not above it) is accepted, giving the user a new uid.
 */
class TokenServerRulesTest {
    private static final String STATE = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String NEW_STATE = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static SyncUser user() {
        return new SyncUser("fxa", 7, 1_000, 1_000, STATE);
    }

    private static TokenServerRoutes.KeyId kid(long kca, String state) {
        return new TokenServerRoutes.KeyId(kca, state);
    }

    private static String refusal(SyncUser u, TokenServerRoutes.KeyId key, Long generation) {
        try {
            TokenServerRoutes.validate(u, key, generation);
            return null;
        } catch (TokenServerError e) {
            return e.getMessage() + " " + e.toJson();
        }
    }

    @Test
    void theAccountsOwnKeyIdPasses() {
        assertThat(refusal(user(), kid(1_000, STATE), 1_000L)).isNull();
        assertThat(refusal(user(), kid(1_000, STATE), null)).isNull();
    }

    @Test
    void aNewClientStateWithoutAPasswordChangeIsRefused() {
        assertThat(refusal(user(), kid(2_000, NEW_STATE), 1_000L)).startsWith("invalid-keysChangedAt");
        assertThat(refusal(user(), kid(1_000, NEW_STATE), 1_000L)).startsWith("invalid-client-state")
                .contains("no generation change");
        assertThat(refusal(user(), kid(1_000, NEW_STATE), 5_000L)).contains("no keys_changed_at change");
        assertThat(refusal(user(), kid(500, STATE), 1_000L)).startsWith("invalid-keysChangedAt");
        assertThat(refusal(user(), kid(1_000, STATE), 500L)).startsWith("invalid-generation");
        assertThat(refusal(user(), kid(1_000, ""), 1_000L)).contains("empty string");
        assertThat(refusal(user(), kid(0, STATE), 1_000L)).startsWith("invalid-keysChangedAt");
    }

    @Test
    void aKeyRotationAfterAPasswordChangeIsAcceptedAsProductionDoes() {
        SyncUser u = user();
        assertThat(refusal(u, kid(4_000, NEW_STATE), 5_000L)).isNull();
        assertThat(u.update(4_000L, 5_000L, NEW_STATE, 8)).isTrue();
        assertThat(u.uid()).isEqualTo(8);
        assertThat(u.clientState()).isEqualTo(NEW_STATE);
        assertThat(u.keysChangedAt()).isEqualTo(4_000);
        assertThat(u.generation()).isEqualTo(5_000);
        // The old client state is stale from now on.
        assertThat(refusal(u, kid(6_000, STATE), 7_000L)).contains("stale value");
        // Without a generation (a token verified by /v1/verify without fxa-generation) no generation rule applies.
        SyncUser v = user();
        assertThat(refusal(v, kid(2_000, NEW_STATE), null)).isNull();
        assertThatThrownBy(() -> TokenServerRoutes.validate(v, kid(1_000, NEW_STATE), null))
                .isInstanceOf(TokenServerError.class);
    }
}
