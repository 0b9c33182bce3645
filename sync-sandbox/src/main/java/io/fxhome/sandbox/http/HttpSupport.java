package io.fxhome.sandbox.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Small request/response helpers shared by the route classes. */
public final class HttpSupport {
    private HttpSupport() {
    }

    public static void sendJson(RoutingContext ctx, int status, Object body) {
        send(ctx, status, "application/json", Buffer.buffer(Json.writeBytes(body)));
    }

    /** Context key of the latency fault: answers are held back this many ms. */
    public static final String LATENCY_KEY = "fxhome.sandbox.latency";

    /** Context key of the stall fault: only this many body bytes are sent, then the connection is held silent. */
    public static final String STALL_KEY = "fxhome.sandbox.stall";

    public static void send(RoutingContext ctx, int status, String contentType, Buffer body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status);
        if (contentType != null) {
            ctx.response().putHeader("Content-Type", contentType);
        }
        Integer stallAfter = ctx.get(STALL_KEY);
        if (stallAfter != null) {
            // Headers announce the whole body; the rest never comes, and the connection stays open until the client
            // gives up (a server that hangs mid-answer).
            ctx.response().putHeader("Content-Length", Integer.toString(body.length()));
            // At least one byte is always held back, so that no answer is ever complete.
            ctx.response().write(body.slice(0, Math.max(0, Math.min(stallAfter, body.length() - 1))));
            return;
        }
        Long delay = ctx.get(LATENCY_KEY);
        if (delay != null && delay > 0) {
            ctx.vertx().setTimer(delay, id -> {
                if (!ctx.response().ended() && !ctx.response().closed()) {
                    ctx.response().end(body);
                }
            });
        } else {
            ctx.response().end(body);
        }
    }

    /** Percent-decodes one path segment ('+' stays '+'). */
    public static String decodeSegment(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%') {
                if (i + 2 >= raw.length) {
                    throw new IllegalArgumentException("bad percent-encoding");
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent-encoding");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static byte[] bodyBytes(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    /** True when the request was received over TLS or a proxy says it was. */
    public static boolean isHttps(RoutingContext ctx) {
        String proto = ctx.request().getHeader("X-Forwarded-Proto");
        return ctx.request().isSSL() || (proto != null && proto.toLowerCase(Locale.ROOT).startsWith("https"));
    }

    /** scheme://host[:port] as the client addressed this server. */
    public static String origin(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        if (host == null || host.isBlank()) {
            host = ctx.request().localAddress().host() + ":" + ctx.request().localAddress().port();
        }
        return (isHttps(ctx) ? "https://" : "http://") + host;
    }
}
