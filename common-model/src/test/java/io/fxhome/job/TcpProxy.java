package io.fxhome.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of the broker, so a test can cut the network under a live AMQP connection, or hold back
 * what the broker sends (its confirms) while the client's messages still reach it.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    /** Guards {@link #holdingReplies}; notified when the hold lifts or the sockets are cut. */
    private final Object gate = new Object();
    private boolean holdingReplies;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Closes every forwarded connection, as a network failure would. */
    void cut() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        sockets.clear();
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    /** While refusing, new connections are closed at once (the broker looks down). */
    void refuse(boolean refuse) {
        this.refusing = refuse;
        if (refuse) {
            cut();
        }
    }

    /** While holding, bytes from the broker wait in the proxy (a cut drops them); bytes to the broker flow. */
    void holdReplies(boolean hold) {
        synchronized (gate) {
            holdingReplies = hold;
            gate.notifyAll();
        }
    }

    private void awaitReplies(Socket to) throws InterruptedException {
        synchronized (gate) {
            while (holdingReplies && !to.isClosed()) {
                gate.wait();
            }
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream, false));
                Thread.ofVirtual().start(() -> pump(upstream, client, true));
            } catch (IOException e) {
                // server closed, or the broker refused: the client sees a closed socket
            }
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (replies) {
                    awaitReplies(to);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException ignored) {
            // one side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
