package io.fxhome.job;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON form of {@link SyncJob}: the one wire contract between producers and workers. */
public final class SyncJobCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Registered after JavaTimeModule, so that it is the one asked for an Instant.
            .addModule(new SimpleModule("sync-job-instants").addDeserializer(Instant.class, new JobInstants()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SyncJobCodec() {
    }

    public static byte[] encode(SyncJob job) {
        try {
            return MAPPER.writeValueAsBytes(job);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode sync job", e);
        }
    }

    /** Decodes a job; a message of a newer version or without the required fields is rejected with a clear reason. */
    public static SyncJob decode(byte[] body) {
        // Straight to the record: one pass, where the tree and then the record was 5 % of a worker's CPU in a fleet
        // (docs/benchmarks.md). Anything it does not take goes the tree's way, which says what is wrong.
        try {
            SyncJob job = MAPPER.readValue(body, SyncJob.class);
            if (job != null && job.version() >= 1 && job.version() <= SyncJob.CURRENT_VERSION) {
                return job;
            }
        } catch (IOException | RuntimeException e) {
            // Explained below.
        }
        return decodeExplained(body);
    }

    private static SyncJob decodeExplained(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidSyncJobException("sync job is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidSyncJobException("sync job is not readable: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidSyncJobException("sync job is not a JSON object");
        }
        int version = node.path("version").asInt(0);
        if (version < 1 || version > SyncJob.CURRENT_VERSION) {
            throw new InvalidSyncJobException(
                    "unsupported sync job version " + version + " (this worker reads 1.." + SyncJob.CURRENT_VERSION + ")");
        }
        try {
            return MAPPER.treeToValue(node, SyncJob.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidSyncJobException("invalid sync job: " + e.getMessage());
        }
    }
}
