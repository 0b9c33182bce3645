package io.fxhome.sandbox.fxa;

import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.crypto.SyncKeys;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which OAuth clients, scopes and redirect URIs the sandbox's auth server accepts. */
final class OAuthClients {
    private final Set<String> clientIds;
    private final List<String> redirectUris;

    OAuthClients(SandboxOptions options) {
        this.clientIds = new LinkedHashSet<>(options.oauthClientIds());
        this.redirectUris = options.oauthRedirectUris();
    }

    boolean knownClient(String clientId) {
        return clientId != null && clientIds.contains(clientId);
    }

    /** Registered redirect URIs when configured; otherwise any http(s) URI on a loopback host. */
    boolean acceptsRedirect(String redirectUri) {
        if (redirectUri == null) {
            return false;
        }
        if (!redirectUris.isEmpty()) {
            return redirectUris.contains(redirectUri);
        }
        try {
            URI u = URI.create(redirectUri);
            String host = u.getHost();
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && host != null
                    && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
                            || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Parses a space-separated scope list; null when a scope is not one a trusted Firefox client may get. */
    static Set<String> scopes(String scope) {
        if (scope == null || scope.isBlank()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>(List.of(scope.trim().split("\\s+")));
        for (String s : out) {
            if (!(s.equals(SyncKeys.OLDSYNC_SCOPE) || s.equals("profile") || s.startsWith("profile:")
                    || s.equals("openid"))) {
                return null;
            }
        }
        return out;
    }
}
