package io.fxhome.sync.storage;

/**
 * A Basic Storage Object as the server returns it.
 *
 * @param id the record id
 * @param modified the server timestamp of its last write
 * @param sortindex the optional importance value, or null
 * @param payload the payload string: cleartext JSON for meta/global, an encrypted envelope otherwise
 */
public record Bso(String id, ServerTimestamp modified, Integer sortindex, String payload) {
    @Override
    public String toString() {
        return "Bso[id=" + id + ", modified=" + modified + ", sortindex=" + sortindex + ", payload=" + payload.length()
                + " chars]";
    }
}
