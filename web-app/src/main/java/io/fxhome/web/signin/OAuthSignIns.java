package io.fxhome.web.signin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.fxhome.sync.crypto.KeyId;
import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.OAuthCodeFlow;
import io.fxhome.sync.fxa.OAuthPending;
import io.fxhome.sync.fxa.OAuthStart;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The single-sign-on flow (PKCE + scoped keys): fxhome never sees the password. The PKCE verifier and the ephemeral
 * private key wait here in memory, under a random handle that the browser carries in a cookie, so the redirect back
 * is accepted only in the browser that started it.
 */
@ApplicationScoped
public class OAuthSignIns {
    /** Prefix of the stand-in fxa_uid of accounts linked by this flow, which does not reveal the FxA uid. */
    public static final String UID_PREFIX = "oauth:";

    private final OAuthCodeFlow flow;
    private final AccountLinker linker;
    private final ExpiringStore<OAuthPending> store;
    private final boolean enabled;

    public OAuthSignIns(OAuthCodeFlow flow, AccountLinker linker, WebConfig config) {
        this.flow = flow;
        this.linker = linker;
        this.enabled = config.oauth().enabled();
        this.store = new ExpiringStore<>(Duration.ofMinutes(15), config.signIn().maxPending(), OAuthPending::forget, Clock.systemUTC());
    }

    public boolean enabled() {
        return enabled;
    }

    /** A started flow: where to send the browser, and the handle to give it. */
    public record Started(URI authorizationUrl, String handle) {
    }

    public Started begin(String redirectUri) {
        if (!enabled) {
            throw Problem.notFound("Single sign-on");
        }
        OAuthStart start = flow.begin(redirectUri);
        return new Started(start.authorizationUrl(), store.put(start.pending()));
    }

    public AccountLinker.Linked complete(String handle, String code, String state) {
        OAuthPending pending = store.take(handle).orElseThrow(() -> new Problem(400, "state-mismatch", "Sign-in expired",
                "This sign-in attempt expired or was started in another browser. Start again."));
        if (code == null || code.isBlank()) {
            pending.forget();
            throw new Problem(400, "oauth-cancelled", "Sign-in cancelled", "Firefox Accounts did not sign you in. Start again.");
        }
        LinkedAccount linked;
        try {
            linked = flow.complete(pending, code, state);
        } catch (SyncException e) {
            throw SignInProblems.of(e);
        } finally {
            pending.forget();
        }
        // The flow reveals neither uid nor email: the client state (a hash of kB) identifies the account instead.
        String uid = UID_PREFIX + KeyId.parse(linked.credentials().keyId()).clientStateHex();
        return linker.link(uid, "", linked);
    }
}
