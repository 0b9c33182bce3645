package io.fxhome.sandbox.hawk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonceCacheTest {
    private static final long NOW = 1_800_000_000L;

    @Test
    void aNonceIsRefusedAgainInsideTheWindowWhateverTheTrafficInBetween() {
        NonceCache cache = new NonceCache(60);
        assertThat(cache.firstUse("id", NOW, "n1", NOW)).isTrue();
        // Many other requests (the cache once swept on each of them past 100,000 entries).
        for (int i = 0; i < 150_000; i++) {
            assertThat(cache.firstUse("other", NOW + i / 2_000, "n" + i, NOW + i / 2_000)).isTrue();
        }
        assertThat(cache.firstUse("id", NOW, "n1", NOW + 75)).isFalse();
        assertThat(cache.firstUse("id2", NOW, "n1", NOW + 75)).isTrue();
    }

    @Test
    void anEntryGoesOnceItsTimestampLeftTheWindow() {
        NonceCache cache = new NonceCache(60);
        assertThat(cache.firstUse("id", NOW, "n1", NOW)).isTrue();
        // A timestamp this old is refused by the skew check before the cache is asked; the entry itself is swept.
        assertThat(cache.firstUse("sweeper", NOW + 200, "x", NOW + 200)).isTrue();
        assertThat(cache.firstUse("id", NOW, "n1", NOW + 200)).isTrue();
    }
}
