package io.fxhome.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fxhome.web.search.PrefixHints.Learned;
import io.fxhome.web.search.PrefixHints.Skip;

/** What {@link PrefixHints} keeps of an account's searches, and for how long. */
class PrefixHintsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private final PrefixHints hints = new PrefixHints();
    private final UUID account = UUID.randomUUID();

    @Test
    void theNewestWalkSampleOfAPrecedingQueryIsGivenAndOnlyTheNewestIsKept() {
        WalkSample ab = new WalkSample(100, List.of("abc\nhttps://a.example/"));
        WalkSample abc = new WalkSample(400, List.of("abcd\nhttps://b.example/"));
        hints.remember(account, learned(List.of("ab"), ab, T0));
        assertThat(hints.lookup(account, Set.of(), false, 28, List.of("abc"), T0).historyWalk()).isEqualTo(ab);
        hints.remember(account, learned(List.of("abc"), abc, T0.plusSeconds(1)));
        assertThat(hints.lookup(account, Set.of(), false, 28, List.of("abcd"), T0.plusSeconds(2)).historyWalk()).isEqualTo(abc);
        // "ab" still precedes "abz", but its sample was dropped when "abc"'s came: one page of texts per account and source.
        assertThat(hints.lookup(account, Set.of(), false, 28, List.of("abz"), T0.plusSeconds(2)).historyWalk()).isNull();
        assertThat(hints.lookup(account, Set.of(), false, 28, List.of("abz"), T0.plusSeconds(2)).history())
                .isEqualTo(Skip.WALK_FIRST);
        // Another shape of query (a restriction) learns nothing from them.
        assertThat(hints.lookup(account, Set.of(Restriction.HISTORY), false, 28, List.of("abcd"), T0.plusSeconds(2))
                .historyWalk()).isNull();
    }

    @Test
    void accountsThatStoppedTypingAreForgotten() {
        UUID typing = UUID.randomUUID();
        hints.remember(account, learned(List.of("ab"), new WalkSample(100, List.of("ab\nx")), T0));
        hints.remember(typing, learned(List.of("cd"), null, T0.plus(PrefixHints.TTL)));
        hints.forgetIdle(T0.plus(PrefixHints.TTL).plus(Duration.ofSeconds(1)));
        assertThat(hints.lookup(account, Set.of(), false, 28, List.of("abc"), T0)).isEqualTo(PrefixHints.Skips.NONE);
        assertThat(hints.lookup(typing, Set.of(), false, 28, List.of("cde"), T0.plus(PrefixHints.TTL)).history())
                .isEqualTo(Skip.WALK_FIRST);
    }

    private static Learned learned(List<String> words, WalkSample historyWalk, Instant at) {
        return new Learned(Set.of(), false, 28, words, Skip.NOTHING, Skip.WALK_FIRST, null, historyWalk, at);
    }
}
