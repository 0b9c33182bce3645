package io.fxhome.web.shard;

import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.fxhome.shard.ShardRouter;
import io.fxhome.shard.Shards;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.fxhome.web.session.SessionStarter;
import io.fxhome.web.session.SignedIn;
import io.vertx.core.http.Cookie;

/**
 * Tells a load balancer which shard serves the signed-in user: every signed-in answer carries {@value #HEADER}, and the
 * browser gets the {@value #COOKIE} cookie (set at sign-in, renewed when it differs, cleared at sign-out), on which
 * deploy/lb routes requests to the web pool next to the user's database. Any web instance can serve any account (it
 * routes each query itself); the hint only keeps a user's requests near their shard. Only when sharding is on: a
 * single database sends neither.
 */
public class ShardHeaders {
    public static final String HEADER = "X-Fxhome-Shard";
    public static final String COOKIE = "fxhome_shard";

    private final Shards shards;
    private final ShardRouter router;
    private final CurrentUser current;
    private final SessionStarter starter;
    private final SessionCookies cookies;

    public ShardHeaders(Shards shards, ShardRouter router, CurrentUser current, SessionStarter starter,
            SessionCookies cookies) {
        this.shards = shards;
        this.router = router;
        this.current = current;
        this.starter = starter;
        this.cookies = cookies;
    }

    @ServerResponseFilter
    public void addShard(ContainerResponseContext response) {
        if (!shards.sharded()) {
            return;
        }
        Cookie sent = current.request().getCookie(COOKIE);
        if (starter.ended() && starter.startedFor().isEmpty()) {
            if (sent != null) {
                response.getHeaders().add(HttpHeaders.SET_COOKIE, cookies.handle(COOKIE, "", 0, current.https()));
            }
            return;
        }
        Optional<UUID> account = starter.startedFor().or(() -> current.optional().map(SignedIn::accountId));
        if (account.isEmpty()) {
            return;
        }
        String shard = router.shardOf(account.get()).name();
        response.getHeaders().putSingle(HEADER, shard);
        // A request read with an API token leaves the browser's cookies (if it is one) alone.
        boolean byToken = starter.startedFor().isEmpty() && current.optional().map(u -> !u.bySession()).orElse(false);
        if (!byToken && (sent == null || !shard.equals(sent.getValue()))) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookies.shard(COOKIE, shard, current.https()));
        }
    }
}
