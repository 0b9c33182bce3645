package io.fxhome.sync.hawk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The nonces every signer shares: one generator, used by the sync pool's threads at once. */
class NonceSourceTest {

    @Test
    void signersShareOneGeneratorWhoseNoncesStayDistinctAcrossThreads() throws Exception {
        assertThat(NonceSource.secureRandom()).isSameAs(NonceSource.secureRandom());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = IntStream.range(0, 8).<Future<?>> mapToObj(t -> pool.submit(() -> {
                NonceSource nonces = NonceSource.secureRandom();
                for (int i = 0; i < 5_000; i++) {
                    seen.add(nonces.next());
                }
            })).toList();
            for (Future<?> f : done) {
                f.get();
            }
        }
        // 48 random bits each: 40,000 of them collide with a probability of about 3 in a million.
        assertThat(seen).hasSize(40_000).allMatch(n -> n.matches("[A-Za-z0-9_-]{8}"));
    }
}
