package io.fxhome.process.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * The HTTP port of a packaged Quarkus application started by a test with {@code quarkus.http.port=0}, read from the
 * start-up line it logs ("Listening on: http://0.0.0.0:40103"). The application binds the port itself: a port picked
 * free by the test and handed over could be taken by any other socket before the application binds it (seen in CI:
 * "Port … seems to be in use by another process").
 */
public final class ListeningPort {
    private static final Pattern LISTENING = Pattern.compile("Listening on: https?://[^\\s:/]+:(\\d+)");

    private ListeningPort() {
    }

    /** Waits until {@code log} names the port {@code process} listens on; fails early if the process exits. */
    public static int await(Process process, Path log, Duration timeout) {
        return Awaitility.await("the port in " + log.toAbsolutePath()).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Integer port = logged(log);
                    if (port == null && !process.isAlive()) {
                        throw new IllegalStateException("process exited with " + process.exitValue()
                                + " before listening; see " + log.toAbsolutePath());
                    }
                    return port;
                }, Objects::nonNull);
    }

    private static Integer logged(Path log) {
        if (!Files.exists(log)) {
            return null;
        }
        try {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            return m.find() ? Integer.valueOf(m.group(1)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
