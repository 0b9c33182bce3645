package io.fxhome.web.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.testsupport.ArbitraryText;

/**
 * {@link HistoryCursor#decode} on arbitrary strings (see {@link ArbitraryText}): it either gives a cursor that
 * PostgreSQL can compare with (a time in range, a guid without NUL), or refuses it with the documented 400
 * {@code bad-request} problem, and never throws anything else; and every cursor the server gives out decodes to itself.
 */
class HistoryCursorPropertiesTest {

    @Test
    void anyStringIsACursorInRangeOrRefusedAsBadRequest() {
        ArbitraryText.forAll(input -> {
            Optional<HistoryCursor> cursor;
            try {
                cursor = HistoryCursor.decode(input);
            } catch (Problem p) {
                assertThat(p.status()).isEqualTo(400);
                assertThat(p.code()).isEqualTo("bad-request");
                return;
            }
            cursor.ifPresent(c -> {
                assertThat(c.before()).isBetween(HistoryCursor.EARLIEST, HistoryCursor.LATEST);
                assertThat(c.guid()).doesNotContain("\0").hasSizeLessThanOrEqualTo(HistoryCursor.MAX_GUID_LENGTH);
            });
        });
    }

    @Test
    void everyCursorGivenOutDecodesToItself() {
        Random random = new Random(ArbitraryText.SEED);
        long span = ChronoUnit.MICROS.between(HistoryCursor.EARLIEST, HistoryCursor.LATEST);
        for (int i = 0; i < ArbitraryText.TRIES; i++) {
            Instant before = HistoryCursor.EARLIEST.plus(Math.floorMod(random.nextLong(), span + 1), ChronoUnit.MICROS);
            StringBuilder guid = new StringBuilder();
            for (int n = random.nextInt(20); n > 0; n--) {
                guid.appendCodePoint(1 + random.nextInt(Character.MAX_CODE_POINT));
            }
            // As stored: a lone surrogate does not survive UTF-8, in the database as in the cursor.
            String g = new String(guid.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            HistoryCursor c = new HistoryCursor(before, g);
            assertThat(HistoryCursor.decode(c.encode())).contains(c);
        }
        for (Instant edge : new Instant[] { HistoryCursor.EARLIEST, HistoryCursor.LATEST, Instant.EPOCH }) {
            HistoryCursor c = new HistoryCursor(edge, "abcdefghijkl");
            assertThat(HistoryCursor.decode(c.encode())).contains(c);
        }
    }

    @Test
    void outOfRangeTimesAndNulGuidsAreRefused() {
        for (String plain : new String[] { Long.MAX_VALUE + "|g", Long.MIN_VALUE + "|g", "9223372036854775808|g",
                micros(HistoryCursor.LATEST) + 1 + "|g", micros(HistoryCursor.EARLIEST) - 1 + "|g", "0|a\0b", "0", "|g",
                "x|g", "0|" + "g".repeat(HistoryCursor.MAX_GUID_LENGTH + 1) }) {
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> HistoryCursor.decode(text)).as(plain).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.code()).isEqualTo("bad-request"));
        }
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }
}
