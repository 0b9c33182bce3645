package io.fxhome.job;

import java.time.Duration;
import java.util.Objects;

import com.rabbitmq.client.ConnectionFactory;

/**
 * Where the broker is and how to log in: the same values as Quarkus' {@code rabbitmq-host}, {@code rabbitmq-port},
 * {@code rabbitmq-username}, {@code rabbitmq-password} and {@code rabbitmq-virtual-host}. The password never prints.
 */
public record RabbitConnectionSettings(String host, int port, String username, String password, String virtualHost) {
    public RabbitConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(virtualHost, "virtualHost");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    /** guest/guest on 127.0.0.1:5672, vhost "/": the local broker of tests and the demo. */
    public static RabbitConnectionSettings local() {
        return new RabbitConnectionSettings("127.0.0.1", 5672, "guest", "guest", "/");
    }

    /**
     * A factory with automatic connection recovery (every 5 s) and heartbeats. Topology recovery is off: the
     * publisher declares its topology again itself after a recovery, with the one set of arguments it owns.
     */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(false);
        factory.setNetworkRecoveryInterval(Duration.ofSeconds(5).toMillis());
        factory.setRequestedHeartbeat(30);
        factory.setConnectionTimeout((int) Duration.ofSeconds(5).toMillis());
        return factory;
    }

    @Override
    public String toString() {
        return "RabbitConnectionSettings[" + username + "@" + host + ":" + port + ", vhost " + virtualHost + ", password=***]";
    }
}
