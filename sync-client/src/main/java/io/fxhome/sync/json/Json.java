package io.fxhome.sync.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson configuration of the Sync client. Both are thread-safe and expensive to build, so they are shared.
 * Numbers that are really timestamps are read as text or BigDecimal by the callers, never as double.
 */
public final class Json {
    /** Tree mapper: big decimals kept exact so that re-serialized cleartexts do not drift. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /** Streaming factory, for page-at-a-time parsing. */
    public static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
