package io.fxhome.web.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of the web app whose line can be cut, like a phone losing its signal: for engines whose driver
 * has no network emulation (WebKitWebDriver). While cut, open connections are closed and new ones are closed as soon
 * as they arrive, so every request fails as it does offline; the address (and so the origin that the service worker
 * and the cookies belong to) stays the same.
 */
public final class NetworkSwitch implements AutoCloseable {
    private final ServerSocket server;
    private final URL target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean offline;

    private NetworkSwitch(ServerSocket server, URL target) {
        this.server = server;
        this.target = target;
    }

    /** Relays a free loopback port to the host and port of {@code target}. */
    public static NetworkSwitch before(URL target) throws IOException {
        NetworkSwitch relay = new NetworkSwitch(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        Thread.ofVirtual().name("network-switch").start(relay::accept);
        return relay;
    }

    /** {@code target}'s address as seen through the relay: same scheme, host and path, the relay's port. */
    public URL url() {
        try {
            return new URL(target.getProtocol(), target.getHost(), server.getLocalPort(), target.getFile());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cuts the line: every connection open now and every new one is closed. */
    public void cut() {
        offline = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    public void restore() {
        offline = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (offline) {
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().start(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(target.getHost(), target.getPort())) {
            open.add(client);
            open.add(upstream);
            Thread back = Thread.ofVirtual().start(() -> pump(upstream, client));
            pump(client, upstream);
            back.join();
        } catch (IOException | InterruptedException e) {
            // The line was cut or a side hung up: the browser sees a network error, as it would.
        } finally {
            open.remove(client);
        }
    }

    /** Copies until either side ends, then closes both, so that the other direction ends too. */
    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // ended by the other direction or by cut()
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
