package io.fxhome.backoff;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An upstream server whose backoff holds for every account behind it: a storage node or a tokenserver.
 *
 * @param kind which of the two
 * @param url the storage node's base URL (see {@link #storageNodeOf}), or the tokenserver's URL
 */
public record UpstreamServer(Kind kind, String url) {
    /** {@code /1.5/<uid>} at the end of an api_endpoint: the user's part, not the node's. */
    private static final Pattern USER_PATH = Pattern.compile("/1\\.5/[^/]+/*$");

    public enum Kind {
        STORAGE_NODE("storage_node"),
        TOKENSERVER("tokenserver");

        private final String dbValue;

        Kind(String dbValue) {
            this.dbValue = dbValue;
        }

        public String dbValue() {
            return dbValue;
        }

        static Kind fromDb(String value) {
            for (Kind kind : values()) {
                if (kind.dbValue.equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown upstream server kind: " + value);
        }
    }

    public UpstreamServer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
    }

    /** The storage node serving a token's {@code api_endpoint}. */
    public static UpstreamServer storageNode(String apiEndpoint) {
        return new UpstreamServer(Kind.STORAGE_NODE, storageNodeOf(apiEndpoint));
    }

    public static UpstreamServer tokenserver(String url) {
        return new UpstreamServer(Kind.TOKENSERVER, url);
    }

    /**
     * The node part of an {@code api_endpoint}: everything before its {@code /1.5/<uid>}. Mozilla's nodes are hosts of
     * their own ({@code https://sync-1-us-west1-g.sync.services.mozilla.com/1.5/123} gives the origin); a server that
     * puts several nodes under path prefixes of one host (the sandbox's {@code /node2}) keeps them apart.
     */
    public static String storageNodeOf(String apiEndpoint) {
        Objects.requireNonNull(apiEndpoint, "apiEndpoint");
        return USER_PATH.matcher(apiEndpoint.strip()).replaceFirst("");
    }
}
