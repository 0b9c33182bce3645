package io.fxhome.sandbox.fxa;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.http.Json;
import io.vertx.core.MultiMap;

/**
 * A declarative stand-in for the Joi schema hapi checks a route's body or query against before the handler runs
 * (fxa-auth-server: each route's {@code validate.payload} / {@code validate.query}). Keys are checked in the order
 * they are declared, as Joi does with {@code abortEarly}: the first failure decides the answer. How a failure is
 * rendered depends on the route's family ({@link Family}): the auth server's own routes answer errno 108 for a
 * missing key and 107 for anything else, the OAuth server's legacy routes 109 for everything.
 */
final class RequestSchema {

    /** Where the value came from: hapi's {@code validation.source}. */
    enum Source {
        PAYLOAD("payload"),
        QUERY("query");

        final String wire;

        Source(String wire) {
            this.wire = wire;
        }
    }

    /**
     * How validation failures are rendered, as fxa-auth-server's {@code onPreResponse} translates hapi's error
     * (libs/accounts/errors/src/app-error.ts {@code AppError.translate}, oauth-error.ts {@code OauthError.translate}).
     */
    enum Family {
        /** Auth-server routes: "is required" → 108 with {@code param}, anything else → 107 with {@code validation}. */
        AUTH,
        /**
         * The OAuth server's routes kept under /v1 with CORS ({@code /v1/token}, {@code /v1/destroy}, {@code /v1/verify}): 109.
         */
        OAUTH
    }

    /** One value's Joi type and constraints. */
    @FunctionalInterface
    interface Rule {
        /**
         * The value as the handler sees it after Joi's conversion, or null when the value is refused;
         * {@code strip} says whether unknown keys of nested objects are dropped (else they are refused).
         */
        JsonNode convert(JsonNode value, boolean strip);
    }

    private record Key(String name, Rule rule, boolean required) {
    }

    /** A cross-key condition (Joi's {@code and}, {@code xor}, {@code with}); returns the key to blame or null. */
    @FunctionalInterface
    interface Condition {
        String violated(ObjectNode value);
    }

    private final Source source;
    private final Family family;
    private final List<Key> keys;
    private final List<Condition> conditions;
    private final boolean nullAllowed;
    private final boolean stripAlways;

    private RequestSchema(Source source, Family family, List<Key> keys, List<Condition> conditions,
            boolean nullAllowed, boolean stripAlways) {
        this.source = source;
        this.family = family;
        this.keys = List.copyOf(keys);
        this.conditions = List.copyOf(conditions);
        this.nullAllowed = nullAllowed;
        this.stripAlways = stripAlways;
    }

    static Builder payload(Family family) {
        return new Builder(Source.PAYLOAD, family);
    }

    static Builder query(Family family) {
        return new Builder(Source.QUERY, family);
    }

    /** Collects the keys of one schema, in Joi's declaration order. */
    static final class Builder {
        private final Source source;
        private final Family family;
        private final List<Key> keys = new ArrayList<>();
        private final List<Condition> conditions = new ArrayList<>();
        private boolean nullAllowed;
        private boolean stripAlways;

        private Builder(Source source, Family family) {
            this.source = source;
            this.family = family;
        }

        Builder required(String name, Rule rule) {
            keys.add(new Key(name, rule, true));
            return this;
        }

        Builder optional(String name, Rule rule) {
            keys.add(new Key(name, rule, false));
            return this;
        }

        /** Joi {@code .and(...)}: all or none of these keys. */
        Builder and(String... names) {
            conditions.add(v -> {
                long present = Arrays.stream(names).filter(v::has).count();
                if (present == 0 || present == names.length) {
                    return null;
                }
                return Arrays.stream(names).filter(n -> !v.has(n)).findFirst().orElse(names[0]);
            });
            return this;
        }

        /** Joi {@code .xor(...)}: exactly one of these keys. */
        Builder xor(String... names) {
            conditions.add(v -> {
                List<String> present = Arrays.stream(names).filter(v::has).toList();
                if (present.size() == 1) {
                    return null;
                }
                return present.isEmpty() ? "" : present.get(1);
            });
            return this;
        }

        Builder condition(Condition c) {
            conditions.add(c);
            return this;
        }

        /** Joi {@code .allow(null)} on the object itself: an empty body is accepted. */
        Builder nullAllowed() {
            nullAllowed = true;
            return this;
        }

        /** The route's schema itself says {@code .options({stripUnknown: true})}: unknown keys never fail. */
        Builder stripUnknown() {
            stripAlways = true;
            return this;
        }

        RequestSchema build() {
            return new RequestSchema(source, family, keys, conditions, nullAllowed, stripAlways);
        }
    }

    Set<String> keyNames() {
        Set<String> out = new LinkedHashSet<>();
        keys.forEach(k -> out.add(k.name()));
        return out;
    }

    /**
     * Checks a body against the schema and returns what the handler gets: declared keys only, converted. An unknown
     * key is refused like an invalid one (Joi's default for {@code object({...})}) or, with {@code strip}, dropped
     * as fxa-auth-server's server-wide {@code stripUnknown} does.
     */
    ObjectNode validate(ObjectNode body, boolean stripRequested) throws FxaError {
        boolean strip = stripRequested || stripAlways;
        ObjectNode out = Json.object();
        for (Key k : keys) {
            JsonNode v = body.get(k.name());
            if (v == null) {
                if (k.required()) {
                    throw missing(k.name());
                }
                continue;
            }
            JsonNode converted = k.rule().convert(v, strip);
            if (converted == null) {
                throw invalid(k.name());
            }
            out.set(k.name(), converted);
        }
        Set<String> known = keyNames();
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name) && !strip) {
                throw invalid(name);
            }
        }
        for (Condition c : conditions) {
            String blamed = c.violated(out);
            if (blamed != null) {
                throw invalid(blamed);
            }
        }
        return out;
    }

    /** A query string as hapi hands it to Joi: one string per key, an array when a key is repeated. */
    ObjectNode validate(MultiMap query, boolean strip) throws FxaError {
        ObjectNode raw = Json.object();
        for (String name : query.names()) {
            List<String> all = query.getAll(name);
            if (all.size() == 1) {
                raw.put(name, all.get(0));
            } else {
                all.forEach(raw.putArray(name)::add);
            }
        }
        return validate(raw, strip);
    }

    /** The body when the request has none: an empty object, unless the schema allows {@code null}. */
    ObjectNode validateAbsent() throws FxaError {
        if (nullAllowed) {
            return Json.object();
        }
        return validate(Json.object(), false);
    }

    FxaError missing(String key) {
        if (family == Family.OAUTH) {
            return FxaError.oauthInvalidRequestParameter(source.wire, key);
        }
        return FxaError.missingParameter(key);
    }

    FxaError invalid(String key) {
        if (family == Family.OAUTH) {
            return FxaError.oauthInvalidRequestParameter(source.wire, key);
        }
        return FxaError.invalidParameter(source.wire, key);
    }

    // ------------------------------------------------------------------ rules (lib/routes/validators.js)

    /** FxA's HEX_STRING, {@code ^(?:[a-fA-F0-9]{2})+$}: either case. */
    static final Pattern HEX_STRING = Pattern.compile("^(?:[a-fA-F0-9]{2})+$");
    /** validators.BASE_36. */
    static final Pattern BASE_36 = Pattern.compile("^[a-zA-Z0-9]*$");
    static final Pattern DIGITS = Pattern.compile("^[0-9]+$");
    /** validators.scope: letters, digits, space and {@code _/.:-}; the empty string is a scope too. */
    static final Pattern SCOPE = Pattern.compile("^[a-zA-Z0-9 _/.:-]*$");
    static final Pattern URL_SAFE_BASE_64 = Pattern.compile("^[A-Za-z0-9_-]+$");
    static final Pattern PKCE_CODE_VERIFIER = Pattern.compile("^[A-Za-z0-9-._~]{43,128}$");
    static final Pattern JWT = Pattern.compile("^([a-zA-Z0-9\\-_]+)\\.([a-zA-Z0-9\\-_]+)\\.([a-zA-Z0-9\\-_]+)$");
    /** validators.js DISPLAY_SAFE_UNICODE (no control characters, surrogates, private use or specials). */
    private static final Pattern DISPLAY_SAFE_UNICODE = Pattern.compile(
            "^(?:[^\\u0000-\\u001F\\u007F\\u0080-\\u009F\\u2028-\\u2029\\uD800-\\uDFFF\\uE000-\\uF8FF\\uFFF9-\\uFFFC"
                    + "\\uFFFE-\\uFFFF])*$");
    private static final Pattern EMAIL_USER = Pattern.compile("^[A-Z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL_DOMAIN = Pattern.compile(
            "^[A-Z0-9](?:[A-Z0-9-]{0,253}[A-Z0-9])?(?:\\.[A-Z0-9](?:[A-Z0-9-]{0,253}[A-Z0-9])?)+$",
            Pattern.CASE_INSENSITIVE);

    /** Joi {@code string()}: a JSON string, not empty unless allowed, at most {@code max} chars, matching. */
    static Rule string(int min, int max, Pattern pattern, boolean allowEmpty) {
        return (v, strip) -> {
            if (!v.isTextual()) {
                return null;
            }
            String s = v.asText();
            if (s.isEmpty()) {
                return allowEmpty ? v : null;
            }
            if (s.length() < min || (max > 0 && s.length() > max)) {
                return null;
            }
            return pattern == null || pattern.matcher(s).find() ? v : null;
        };
    }

    static Rule string() {
        return string(0, 0, null, false);
    }

    static Rule maxString(int max) {
        return string(0, max, null, false);
    }

    /** A hex string of exactly {@code chars} characters (FxA's HEX_STRING with {@code .length(chars)}). */
    static Rule hex(int chars) {
        return string(chars, chars, HEX_STRING, false);
    }

    /** A hex string of at most {@code chars} characters. */
    static Rule hexMax(int chars) {
        return string(0, chars, HEX_STRING, false);
    }

    /** Joi {@code string().valid(...)}. */
    static Rule oneOf(String... values) {
        Set<String> allowed = Set.of(values);
        return (v, strip) -> v.isTextual() && allowed.contains(v.asText()) ? v : null;
    }

    /** Joi {@code boolean()}: true/false, and with conversion the strings "true"/"false" in any case. */
    static Rule bool() {
        return (v, strip) -> {
            if (v.isBoolean()) {
                return v;
            }
            if (v.isTextual()) {
                String s = v.asText().toLowerCase(Locale.ROOT);
                if (s.equals("true") || s.equals("false")) {
                    return Json.MAPPER.getNodeFactory().booleanNode(s.equals("true"));
                }
            }
            return null;
        };
    }

    /** Joi {@code number()} (numeric strings convert), optionally {@code .positive()} and {@code .integer()}. */
    static Rule number(boolean positive, boolean integer) {
        return (v, strip) -> {
            double d;
            if (v.isNumber()) {
                d = v.asDouble();
            } else if (v.isTextual()) {
                try {
                    d = Double.parseDouble(v.asText().trim());
                } catch (NumberFormatException e) {
                    return null;
                }
                if (v.asText().isBlank()) {
                    return null;
                }
            } else {
                return null;
            }
            if (Double.isNaN(d) || Double.isInfinite(d) || (positive && d <= 0) || (integer && d != Math.rint(d))) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Json.MAPPER.getNodeFactory().numberNode((long) d)
                    : Json.MAPPER.getNodeFactory().numberNode(d);
        };
    }

    /** Joi {@code any()}: whatever JSON value. */
    static Rule any() {
        return (v, strip) -> v;
    }

    /** Joi {@code array().items(rule)}. */
    static Rule arrayOf(Rule item) {
        return (v, strip) -> {
            if (!v.isArray()) {
                return null;
            }
            for (JsonNode e : v) {
                if (item.convert(e, strip) == null) {
                    return null;
                }
            }
            return v;
        };
    }

    /** Either rule (Joi {@code alternatives().try(a, b)}). */
    static Rule either(Rule a, Rule b) {
        return (v, strip) -> {
            JsonNode r = a.convert(v, strip);
            return r != null ? r : b.convert(v, strip);
        };
    }

    /** A nested object with its own keys (unknown nested keys refused or stripped like top-level ones). */
    static Rule object(Map<String, Rule> nested, String... andKeys) {
        Map<String, Rule> copy = new LinkedHashMap<>(nested);
        return (v, strip) -> {
            if (!v.isObject()) {
                return null;
            }
            ObjectNode out = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Rule r = copy.get(e.getKey());
                if (r == null) {
                    if (strip) {
                        continue;
                    }
                    return null;
                }
                JsonNode converted = r.convert(e.getValue(), strip);
                if (converted == null) {
                    return null;
                }
                out.set(e.getKey(), converted);
            }
            long present = Arrays.stream(andKeys).filter(out::has).count();
            return present == 0 || present == andKeys.length ? out : null;
        };
    }

    /** validators.email(): at most 255 display-safe characters forming a valid address (IDN via punycode). */
    static Rule email() {
        return (v, strip) -> {
            if (!v.isTextual()) {
                return null;
            }
            String s = v.asText();
            if (s.isEmpty() || s.length() > 255 || !DISPLAY_SAFE_UNICODE.matcher(s).matches()) {
                return null;
            }
            return isValidEmailAddress(s) ? v : null;
        };
    }

    static boolean isValidEmailAddress(String value) {
        String[] parts = value.split("@", -1);
        if (parts.length != 2 || parts[1].length() > 255) {
            return false;
        }
        try {
            return EMAIL_USER.matcher(IDN.toASCII(parts[0], IDN.ALLOW_UNASSIGNED)).matches()
                    && EMAIL_DOMAIN.matcher(IDN.toASCII(parts[1], IDN.ALLOW_UNASSIGNED)).matches();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** validators.url(): an http(s) URL that round-trips through a parse unchanged. */
    static Rule url(int max) {
        return (v, strip) -> {
            if (!v.isTextual() || v.asText().isEmpty() || (max > 0 && v.asText().length() > max)) {
                return null;
            }
            try {
                URI u = new URI(v.asText());
                String scheme = u.getScheme();
                return (("http".equals(scheme) || "https".equals(scheme)) && u.getHost() != null) ? v : null;
            } catch (URISyntaxException e) {
                return null;
            }
        };
    }
}
