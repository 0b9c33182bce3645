package io.fxhome.web.sendtab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.devices.SendTabPayload;
import io.fxhome.sync.json.Json;
import io.fxhome.web.problem.Problem;

/** The cleartext fxhome encrypts: the reference client's shape, and always one aes128gcm record. */
class TabSenderPayloadTest {
    @Test
    void hasTheReferenceClientsShape() throws Exception {
        SendTabPayload p = TabSender.payload("Title", "https://example.org/");
        JsonNode json = Json.MAPPER.readTree(p.toJsonBytes());
        // application-services commands/send_tab.rs: entries of {title, url}, flowID and streamID (Sync GUIDs).
        assertThat(json.get("entries")).hasSize(1);
        assertThat(json.get("entries").get(0).properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("title", "url");
        assertThat(json.get("entries").get(0).get("url").asText()).isEqualTo("https://example.org/");
        assertThat(json.get("flowID").asText()).matches("[A-Za-z0-9_-]{12}");
        assertThat(json.get("streamID").asText()).matches("[A-Za-z0-9_-]{12}").isNotEqualTo(json.get("flowID")
                .asText());
        assertThat(json.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("entries", "flowID",
                "streamID");
    }

    @Test
    void aLongTitleIsShortenedToFitOneRecordTheAddressNever() {
        String url = "https://example.org/" + "u".repeat(2000);
        String title = "🦊é".repeat(3000);
        SendTabPayload p = TabSender.payload(title, url);
        assertThat(p.toJsonBytes().length).isLessThanOrEqualTo(TabSender.MAX_CLEARTEXT);
        assertThat(p.current().url()).isEqualTo(url);
        assertThat(title).startsWith(p.current().title());
        assertThat(p.current().title()).isNotEmpty();
        // Cut at a code point boundary: it round-trips through UTF-8.
        String t = p.current().title();
        assertThat(new String(t.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(t);

        assertThatThrownBy(() -> TabSender.payload("t", "https://example.org/" + "u".repeat(4100)))
                .isInstanceOfSatisfying(Problem.class, e -> assertThat(e.code()).isEqualTo("not-sendable"));
    }
}
