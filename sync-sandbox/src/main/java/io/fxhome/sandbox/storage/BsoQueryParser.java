package io.fxhome.sandbox.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.vertx.ext.web.RoutingContext;

/** Reads and validates the query of a collection GET or DELETE; anything invalid is a 400 with body 0. */
final class BsoQueryParser {
    private static final Pattern OFFSET = Pattern.compile("\\d{1,18}(:\\d{1,9})?");
    private static final int MAX_IDS = 100;

    private BsoQueryParser() {
    }

    static boolean acceptsNewlines(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        if (a.contains("application/newlines")) {
            return true;
        }
        if (a.contains("application/json") || a.contains("*/*") || a.contains("application/*")) {
            return false;
        }
        throw new StorageException(406, WeaveError.UNKNOWN_ERROR);
    }

    static BsoQuery parse(RoutingContext ctx) {
        try {
            List<String> ids = null;
            String idsParam = ctx.queryParams().get("ids");
            if (idsParam != null) {
                ids = new ArrayList<>();
                for (String s : idsParam.split(",")) {
                    String id = s.trim();
                    if (!id.isEmpty()) {
                        if (!BsoBodies.BSO_ID.matcher(id).matches()) {
                            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
                        }
                        ids.add(id);
                    }
                }
                if (ids.size() > MAX_IDS) {
                    throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
                }
            }
            Long newer = timestampParam(ctx, "newer");
            Long older = timestampParam(ctx, "older");
            Sort sort = Sort.parse(ctx.queryParams().get("sort"));
            Integer limit = null;
            String limitParam = ctx.queryParams().get("limit");
            if (limitParam != null) {
                long l = Long.parseLong(limitParam.trim());
                if (l < 0 || l > 0xFFFF_FFFFL) {
                    throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
                }
                limit = (int) Math.min(l, Integer.MAX_VALUE);
            }
            String offset = ctx.queryParams().get("offset");
            if (offset != null && !OFFSET.matcher(offset).matches()) {
                throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
            }
            boolean full = ctx.queryParams().contains("full");
            return new BsoQuery(ids, newer, older, sort, limit, offset, full);
        } catch (IllegalArgumentException e) {
            throw StorageException.badRequest(WeaveError.UNKNOWN_ERROR);
        }
    }

    static Long timestampParam(RoutingContext ctx, String name) {
        String v = ctx.queryParams().get(name);
        return v == null ? null : SyncTimestamps.parse(v);
    }
}
