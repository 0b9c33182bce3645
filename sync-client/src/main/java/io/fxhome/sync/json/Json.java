package io.fxhome.sync.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson configuration of the Sync client. Both are thread-safe and expensive to build, so they are shared.
 * Numbers that are really timestamps are read as text or BigDecimal by the callers, never as double.
 */
public final class Json {
    /**
     * The largest string any answer may hand the parser, in characters: the largest record cap a download accepts
     * ({@code PageReader.MAX_RECORD_CAP}); page strings are cut at the record cap before the parser sees them, and a
     * cleartext is smaller than its record. Jackson's own default is 20 M characters (40 MB of heap for one string).
     */
    public static final int MAX_STRING_CHARS = 8 * 1024 * 1024;

    /**
     * What the parser accepts from a server, set here rather than left to Jackson's defaults: strings as above; names
     * up to 64 KiB (Sync's are short; Jackson's default is 50,000); numbers up to 1,000 digits and nesting up to 1,000
     * levels (Jackson's defaults, kept on purpose: cleartexts round-trip exactly, and a deeper or longer one is a
     * corrupt record, skipped). Documents have no overall limit: pages are bounded by PageReader, buffered answers by
     * HttpAnswer.MAX_BUFFERED_BODY.
     */
    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(MAX_STRING_CHARS)
            .maxNameLength(64 * 1024)
            .maxNumberLength(1000)
            .maxNestingDepth(1000)
            .build();

    /** Tree mapper: big decimals kept exact so that re-serialized cleartexts do not drift. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder().streamReadConstraints(CONSTRAINTS)
            .build())
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
