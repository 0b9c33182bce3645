package io.fxhome.web.tokens;

import java.util.List;

/** One page of an account's tokens, newest first; {@code next} is the cursor of the following page, null at the end. */
public record TokenPage(List<TokenView> tokens, String next) {
}
