package io.fxhome.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sync server timestamps: exact text kept for sending back, value in 10 ms units for comparing. */
class ServerTimestampTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "1388635807.41, 138863580741", "1388635807.4, 138863580740", "1388635807, 138863580700",
            "0.00, 0", "1388635807.419, 138863580741", "1700000000.05, 170000000005" })
    void parsesAndKeepsTheText(String text, long centis) {
        ServerTimestamp ts = ServerTimestamp.parse(text);
        assertThat(ts.text()).isEqualTo(text);
        assertThat(ts.centiseconds()).isEqualTo(centis);
        assertThat(ts.millis()).isEqualTo(centis * 10);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "", "-1.00", "1.2.3", "1e9", "abc", " ", ".", "12345678901234567890.00" })
    void rejectsWhatIsNotATimestamp(String text) {
        assertThatThrownBy(() -> ServerTimestamp.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesByValue() {
        assertThat(ServerTimestamp.parse("1.5")).isEqualTo(ServerTimestamp.parse("1.50"));
        assertThat(ServerTimestamp.parse("1.51").isAfter(ServerTimestamp.parse("1.5"))).isTrue();
        assertThat(ServerTimestamp.parse("10.00")).isGreaterThan(ServerTimestamp.parse("9.99"));
        assertThat(ServerTimestamp.ofCentiseconds(170000000005L).text()).isEqualTo("1700000000.05");
        assertThat(ServerTimestamp.ofCentiseconds(7).text()).isEqualTo("0.07");
    }
}
