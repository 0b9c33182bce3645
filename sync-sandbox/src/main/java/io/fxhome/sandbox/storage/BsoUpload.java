package io.fxhome.sandbox.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The BSOs of one POST, sorted as syncstorage-rs sorts them: the writes, the ids that will succeed, and the records
 * refused one by one (an invalid id or field, a payload too large), which the answer lists under {@code failed}.
 * A record without an id, too many records or too many bytes refuse the whole request.
 */
record BsoUpload(List<BsoWrite> writes, List<String> success, Map<String, String> failed) {

    static BsoUpload of(List<ObjectNode> items, StorageLimits limits) {
        if (items.size() > limits.maxPostRecords()) {
            throw StorageException.badRequest(WeaveError.SIZE_LIMIT_EXCEEDED);
        }
        List<BsoWrite> writes = new ArrayList<>();
        List<String> success = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        long bytes = 0;
        for (ObjectNode o : items) {
            JsonNode idNode = o.get("id");
            if (idNode == null || !idNode.isTextual()) {
                throw StorageException.badRequest(WeaveError.INVALID_WBO);
            }
            String id = idNode.asText();
            if (!BsoBodies.BSO_ID.matcher(id).matches()) {
                failed.put(id, "invalid id");
                continue;
            }
            BsoWrite w = BsoBodies.toWrite(id, o);
            if (w == null) {
                failed.put(id, "invalid bso");
                continue;
            }
            if (w.payload() != null && w.payload().length() > limits.maxRecordPayloadBytes()) {
                failed.put(id, "retry bytes");
                continue;
            }
            bytes += w.payload() == null ? 0 : w.payload().length();
            writes.add(w);
            success.add(id);
        }
        if (bytes > limits.maxPostBytes()) {
            throw StorageException.badRequest(WeaveError.SIZE_LIMIT_EXCEEDED);
        }
        return new BsoUpload(writes, success, failed);
    }
}
