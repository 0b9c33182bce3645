package io.fxhome.worker.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompilerQueueTest {
    @Test
    void countsTheCompilationsUnderWayAndQueued() {
        // The text of `jcmd PID Compiler.queue` on Temurin 25, busy and idle.
        String busy = """
                Current compiles:\s
                C2 CompilerThread0  1408   !   4       com.sun.tools.javac.jvm.ClassReader::classSigToType (530 bytes)

                C1 compile queue:
                Empty

                C2 compile queue:
                1398   !   4       com.sun.tools.javac.jvm.PoolReader$ImmutablePoolHelper::readIfNeeded (148 bytes)
                1901 %     4       Q::lambda$main$0 @ 4 (35 bytes)
                """;
        String idle = """
                Current compiles:\s

                C1 compile queue:
                Empty

                C2 compile queue:
                Empty
                """;
        assertThat(CompilerQueue.count(busy)).isEqualTo(3);
        assertThat(CompilerQueue.count(idle)).isZero();
    }

    @Test
    void readsThisJvmsQueue() {
        // HotSpot answers; once the wait's deadline has passed it returns at once with what is left.
        assertThat(CompilerQueue.size()).isGreaterThanOrEqualTo(0);
        assertThat(CompilerQueue.awaitEmpty(System.nanoTime())).isGreaterThanOrEqualTo(0);
    }
}
