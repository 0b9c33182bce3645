package io.fxhome.worker.job;

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The raw body of a delivery. The lanes override the content type to octet-stream, so the connector hands over the
 * bytes as sent (left to itself it converts by content type: a job is application/json, and would arrive as a
 * JsonObject); the job codec wants the bytes, whatever the connector made of them.
 */
final class MessageBodies {
    private MessageBodies() {
    }

    static byte[] bytes(Object payload) {
        return switch (payload) {
            case byte[] b -> b;
            case Buffer b -> b.getBytes();
            case JsonObject o -> o.toBuffer().getBytes();
            case JsonArray a -> a.toBuffer().getBytes();
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            case null -> new byte[0];
            default -> String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
        };
    }
}
