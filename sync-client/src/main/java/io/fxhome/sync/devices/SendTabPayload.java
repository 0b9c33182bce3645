package io.fxhome.sync.devices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;

/**
 * The cleartext of an {@code open-uri} command: {@code {"entries": [TabEntry…], "flowID", "streamID"}}. Senders put
 * the tab's history in {@code entries}, the current page last; the receiver opens the last entry.
 *
 * @param entries the tab's entries, never empty once parsed
 * @param flowId telemetry flow id (may be empty)
 * @param streamId telemetry stream id (may be empty)
 */
public record SendTabPayload(List<TabEntry> entries, String flowId, String streamId) {
    /** The longest title or URL kept; longer ones are cut (the sender controls them). */
    public static final int MAX_TEXT = 65_536;

    public SendTabPayload {
        entries = List.copyOf(entries);
    }

    /**
     * One page to send, as application-services' {@code SendTabPayload::single_tab} builds it: one entry, and fresh
     * telemetry flow and stream ids, each a random Sync GUID (9 random bytes, base64url: 12 characters; see
     * fxa-client internal/telemetry.rs {@code SentCommand}).
     */
    public static SendTabPayload singleTab(String title, String url, SecureRandom random) {
        return new SendTabPayload(List.of(new TabEntry(title, url, false)), guid(random), guid(random));
    }

    private static String guid(SecureRandom random) {
        byte[] b = new byte[9];
        random.nextBytes(b);
        return Bytes.base64UrlNoPad(b);
    }

    /** The page the sender meant: the last entry. */
    public TabEntry current() {
        return entries.get(entries.size() - 1);
    }

    public byte[] toJsonBytes() {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("entries");
        for (TabEntry e : entries) {
            ObjectNode entry = list.addObject().put("title", e.title()).put("url", e.url());
            // The reference client's TabHistoryEntry has title and url only (commands/send_tab.rs); "private" is
            // written only when set, so what fxhome sends is byte for byte the reference's shape.
            if (e.isPrivate()) {
                entry.put("private", true);
            }
        }
        root.put("flowID", flowId);
        root.put("streamID", streamId);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws CryptoException BAD_FORMAT when not the payload shape or without a tab */
    public static SendTabPayload parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "send-tab payload is not JSON", e);
        }
        if (root == null || !root.path("entries").isArray() || root.get("entries").isEmpty()) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "send-tab payload has no entries");
        }
        List<TabEntry> entries = new ArrayList<>();
        for (JsonNode e : root.get("entries")) {
            if (!e.path("url").isTextual()) {
                throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "send-tab entry without a url");
            }
            entries.add(new TabEntry(cut(e.path("title").asText("")), cut(e.get("url").asText()),
                    e.path("private").asBoolean(false)));
        }
        return new SendTabPayload(entries, root.path("flowID").asText(""), root.path("streamID").asText(""));
    }

    private static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
