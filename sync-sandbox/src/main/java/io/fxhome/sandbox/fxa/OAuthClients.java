package io.fxhome.sandbox.fxa;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.fxhome.sandbox.crypto.SyncKeys;

/**
 * The OAuth clients the sandbox's auth server knows: the configured Firefox client ids (public clients whose
 * redirect URIs are configured, or any loopback URI), and Firefox for iOS, which the sandbox always registers as
 * production does: a public, trusted client that may use the fxa-credentials grant, whose only redirect URI is the
 * content server's success page {@code <content base>/oauth/success/1b1a3e44c54fbb58}. Mozilla's repository does not
 * hold production's client records (they live in its database); the iOS record follows the facts it does show:
 * the success URL is an allowed redirect for the oldsync scoped key (fxa-content-server server/lib/configuration.js
 * {@code scopedKeys.validation}), iOS is an OAuth-native client (libs/accounts/oauth), and its sibling mobile clients
 * are registered public, trusted and canGrant (fxa-auth-server config/dev.json).
 */
final class OAuthClients {
    static final String IOS = FxaSettings.FIREFOX_IOS_CLIENT_ID;

    /** One registered client. {@code successPage} clients redirect only to the content server's success page. */
    record Client(String id, boolean successPage, Set<String> allowedScopes) {
        boolean publicClient() {
            return true;
        }
    }

    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final List<String> redirectUris;

    OAuthClients(FxaSettings settings) {
        for (String id : settings.oauthClientIds()) {
            clients.put(id, new Client(id, false, Set.of()));
        }
        clients.put(IOS, new Client(IOS, true, Set.of("profile", SyncKeys.OLDSYNC_SCOPE,
                "https://identity.mozilla.com/tokens/session")));
        this.redirectUris = settings.oauthRedirectUris();
    }

    Client find(String clientId) {
        return clientId == null ? null : clients.get(clientId.toLowerCase(Locale.ROOT));
    }

    boolean knownClient(String clientId) {
        return find(clientId) != null;
    }

    /** The content server's success page of a client ({@code <content base>/oauth/success/<client id>}). */
    static String successPage(String contentBase, String clientId) {
        return contentBase + "/oauth/success/" + clientId;
    }

    /** The redirect URI used when an authorization request names none: the client's first registered one. */
    String defaultRedirect(Client client, String contentBase) {
        if (client.successPage()) {
            return successPage(contentBase, client.id());
        }
        return redirectUris.isEmpty() ? null : redirectUris.get(0);
    }

    /**
     * Whether {@code redirectUri} is registered for the client: the exact success-page address for Firefox for iOS;
     * for the configured ids the configured URIs, or any http(s) URI on a loopback host when none are configured.
     */
    boolean acceptsRedirect(Client client, String redirectUri, String contentBase) {
        if (client == null || redirectUri == null) {
            return false;
        }
        if (client.successPage()) {
            return redirectUri.equals(successPage(contentBase, client.id()));
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

    /**
     * Parses a space-separated scope list; null when a scope is not one a trusted Firefox client may get (oldsync,
     * profile and its sub-scopes, openid, the session-token scope).
     */
    static Set<String> scopes(String scope) {
        if (scope == null || scope.isBlank()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>(List.of(scope.trim().split("\\s+")));
        for (String s : out) {
            if (!(s.equals(SyncKeys.OLDSYNC_SCOPE) || s.equals("profile") || s.startsWith("profile:")
                    || s.equals("openid") || s.equals("https://identity.mozilla.com/tokens/session"))) {
                return null;
            }
        }
        return out;
    }

    /** Scopes that carry keys (need a verified session; FxA's scope config {@code hasScopedKeys}). */
    static boolean keyBearing(Set<String> scopes) {
        return scopes.contains(SyncKeys.OLDSYNC_SCOPE);
    }
}
