package io.fxhome.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A RabbitMQ node of the fault suite's own ({@code fxfault-<pid>@localhost}), with its data and logs in a temporary
 * directory, its AMQP listener on a free port of 127.0.0.1 and no plugins, so that it can be stopped (a real process
 * stop, {@code rabbitmqctl stop}) and started again on the same port and data under the processes being tested. The
 * machine's shared node (port 5672) is never touched. Run as root, its tools run as the {@code rabbitmq} user, whose
 * Erlang cookie the CLI then shares.
 */
final class PrivateRabbit extends PrivateServer {
    private static final String SYSTEM_USER = "rabbitmq";
    private static final Path BIN = Path.of(System.getProperty("fxhome.faults.rabbitmq-bin", "/usr/lib/rabbitmq/bin"));
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final String node;
    private final int port;
    private final int distributionPort;

    private PrivateRabbit(Path dir, String node, int port, int distributionPort) {
        this.dir = dir;
        this.node = node;
        this.port = port;
        this.distributionPort = distributionPort;
    }

    /** A new node, running and accepting AMQP connections (guest/guest from 127.0.0.1). */
    static PrivateRabbit start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("fxfault-rabbit-");
        // Its own (empty) config and env files: the machine's name the shared node's listener and node name.
        Files.writeString(dir.resolve("rabbitmq.conf"), "# fxhome fault suite: listener from RABBITMQ_NODE_PORT\n");
        Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        OsCommand.chown(SYSTEM_USER, dir);
        PrivateRabbit rabbit = new PrivateRabbit(dir, "fxfault-" + ProcessHandle.current().pid() + "@localhost",
                FreePort.pick(), FreePort.pick());
        rabbit.stopAtExit();
        rabbit.startNode();
        return rabbit;
    }

    /** Starts the stopped node again (same port, same data: durable queues and persistent messages come back). */
    void startNode() throws IOException, InterruptedException {
        OsCommand.run(SYSTEM_USER, dir, environment(), TIMEOUT, BIN.resolve("rabbitmq-server").toString(), "-detached");
        await(node + " accepting AMQP connections on port " + port).atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(this::listening);
        // The listener opens before the node finished booting; await_startup returns once it has.
        ctl("await_startup", "--timeout", "60");
    }

    /**
     * Stops the node's process with SIGTERM (as an orchestrator stops a container; the Erlang VM shuts down cleanly):
     * every connection drops at once. Not {@code rabbitmqctl stop}, whose own start-up takes seconds on a busy
     * machine, so that the stop lands when the test means it to.
     */
    void stopNode() throws IOException {
        long pid = Long.parseLong(Files.readString(dir.resolve("rabbit.pid")).strip());
        ProcessHandle beam = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(node + " not running"));
        beam.destroy();
        await(node + " stopped").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> !beam.isAlive() && !listening());
    }

    int port() {
        return port;
    }

    /**
     * What the node logged, all its log files together: what only the broker sees, such as a channel it closed because
     * a client acknowledged a delivery tag the channel never gave out.
     */
    String log() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dir.resolve("log"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** Messages in each queue, ready and unacknowledged together ({@code rabbitmqctl list_queues name messages}). */
    Map<String, Long> messagesByQueue() throws IOException, InterruptedException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : ctl("list_queues", "--quiet", "--no-table-headers", "name", "messages").split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 2 && fields[1].matches("\\d+")) {
                counts.put(fields[0], Long.parseLong(fields[1]));
            }
        }
        return counts;
    }

    private String ctl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = BIN.resolve("rabbitmqctl").toString();
        command[1] = "-n";
        command[2] = node;
        System.arraycopy(args, 0, command, 3, args.length);
        return OsCommand.run(SYSTEM_USER, dir, cliEnvironment(), TIMEOUT, command);
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(cliEnvironment());
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbit.pid").toString());
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        return env;
    }

    /** What the CLI needs too: the env file, and the Erlang cookie of the user running the node. */
    private Map<String, String> cliEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
        if (OsCommand.runningAsRoot()) {
            env.put("HOME", System.getProperty("fxhome.faults.rabbitmq-home", "/var/lib/rabbitmq"));
        }
        return env;
    }

    @Override
    protected void stopAndDelete() throws IOException, InterruptedException {
        if (listening()) {
            try {
                stopNode();
            } catch (IllegalStateException alreadyStopping) {
                // Stopped meanwhile.
            }
        }
        OsCommand.deleteTree(dir);
    }

    @Override
    public String toString() {
        return "private RabbitMQ node " + node + " on 127.0.0.1:" + port + " (" + dir + ")";
    }
}
