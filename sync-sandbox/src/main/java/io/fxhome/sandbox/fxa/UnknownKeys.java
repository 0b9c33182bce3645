package io.fxhome.sandbox.fxa;

/**
 * A request key the route's Joi validator does not declare. Production strips it silently
 * (fxa-auth-server lib/server.js {@code routes.validate.options.stripUnknown}); the sandbox refuses it by default
 * with FxA's errno 107 so that a client sending a key production ignores (say {@code refresh_token} to
 * {@code /v1/oauth/destroy}, which then revokes nothing) fails loudly.
 */
public enum UnknownKeys {
    /** 400 errno 107 (109 on the OAuth server's routes), {@code validation.keys} naming the key. */
    REFUSE,
    /** Dropped before the handler sees the request, as production does. */
    STRIP
}
