package io.fxhome.web.session;

import java.util.Optional;
import java.util.UUID;

/**
 * What opens an {@code Authorization: Bearer} value (the personal API tokens, io.fxhome.web.tokens): an interface here
 * so that authentication does not depend on the feature that manages the tokens.
 */
public interface BearerTokens {
    /** The account a bearer value opens, if it is a live token. */
    Optional<UUID> resolve(String bearer);
}
