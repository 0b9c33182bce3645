package io.fxhome.sync.records;

import static io.fxhome.sync.records.Cleartexts.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Clients cleartext quirks. */
class ClientRecordTest {

    @Test
    void parsesAMobileClientWithCommands() {
        ClientRecord c = ClientRecord.parse("abc", json("{\"id\":\"abc\",\"name\":\"Pixel\",\"type\":\"phone\","
                + "\"commands\":[{\"command\":\"displayURI\",\"args\":[\"https://a/\",\"sender\",\"Title\"],"
                + "\"flowID\":\"f1\"},{\"args\":[]},{\"command\":\"wipeAll\"}],\"fxaDeviceId\":\""
                + "0123456789abcdef0123456789abcdef\",\"version\":\"120.0\",\"protocols\":[\"1.5\"],"
                + "\"formfactor\":\"phone\",\"os\":\"Android\",\"appPackage\":\"org.mozilla.firefox\","
                + "\"application\":\"Firefox\",\"device\":\"Pixel 7\",\"capabilities\":{}}"));
        assertThat(c.deviceType()).isEqualTo("mobile");
        assertThat(c.type()).isEqualTo("phone");
        assertThat(c.commands()).containsExactly(
                new ClientRecord.Command("displayURI", List.of("https://a/", "sender", "Title"), "f1"),
                new ClientRecord.Command("wipeAll", List.of(), null));
        assertThat(c.fxaDeviceId()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(c.protocols()).containsExactly("1.5");
        assertThat(c.os()).isEqualTo("Android");
        assertThat(c.unknownFields()).containsOnlyKeys("capabilities");
    }

    @Test
    void iosRecordsWithoutDeviceIdParse() {
        ClientRecord c = ClientRecord.parse("ios", json("{\"id\":\"ios\",\"name\":\"iPhone\",\"type\":\"mobile\"}"));
        assertThat(c.fxaDeviceId()).isNull();
        assertThat(c.commands()).isEmpty();
        assertThat(c.deviceType()).isEqualTo("mobile");
        assertThat(c).isEqualTo(ClientRecord.parse("ios", json("{\"id\":\"ios\",\"name\":\"iPhone\",\"type\":"
                + "\"mobile\",\"fxaDeviceId\":null,\"commands\":null,\"protocols\":null,\"version\":null}")));
    }
}
