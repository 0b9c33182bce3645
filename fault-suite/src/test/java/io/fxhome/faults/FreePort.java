package io.fxhome.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP port free on 127.0.0.1 now, for a private server that cannot pick its own (PostgreSQL, RabbitMQ) and must keep
 * the same one across restarts. Taken from below the kernel's ephemeral range (32768+) where outgoing connections
 * take their local ports, so that none of them holds it when the server binds it again after a restart.
 */
final class FreePort {
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    /** Handed out already in this JVM: two servers must not get the same free port. */
    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePort() {
    }

    static synchronized int pick() {
        int start = FIRST + (int) (ProcessHandle.current().pid() * 7919 % (LAST - FIRST));
        for (int i = 0; i < LAST - FIRST; i++) {
            int port = FIRST + (start - FIRST + i) % (LAST - FIRST);
            if (!GIVEN.contains(port) && free(port)) {
                GIVEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + ".." + LAST);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

}
