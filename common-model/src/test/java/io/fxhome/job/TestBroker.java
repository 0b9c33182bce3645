package io.fxhome.job;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/**
 * The local broker (127.0.0.1:5672 guest/guest, or FXHOME_TEST_RABBITMQ_HOST) under a namespace of this test's own,
 * so that other modules' tests on the same broker never see these jobs; {@link #close()} deletes it all.
 */
final class TestBroker implements AutoCloseable {
    final RabbitConnectionSettings settings;
    final SyncTopology topology;
    final Connection connection;
    final Channel channel;

    TestBroker(List<Duration> retryDelays) throws IOException, TimeoutException {
        String host = System.getenv().getOrDefault("FXHOME_TEST_RABBITMQ_HOST", "127.0.0.1");
        this.settings = new RabbitConnectionSettings(host, 5672, "guest", "guest", "/");
        this.topology = SyncTopology.of("fxhome-test-" + UUID.randomUUID().toString().substring(0, 8) + ".sync", retryDelays);
        this.connection = settings.connectionFactory().newConnection("common-model test");
        this.channel = connection.createChannel();
    }

    long count(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** Waits up to {@code timeout} for a message on the queue (quorum queue counts can lag the confirm slightly). */
    GetResponse take(String queue, Duration timeout) {
        return await("a message on " + queue).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> channel.basicGet(queue, true), Objects::nonNull);
    }

    @Override
    public void close() throws IOException, TimeoutException {
        Channel cleanup = channel.isOpen() ? channel : connection.createChannel();
        for (String queue : topology.queueNames()) {
            cleanup.queueDelete(queue);
        }
        for (String exchange : topology.exchangeNames()) {
            cleanup.exchangeDelete(exchange);
        }
        connection.close();
    }
}
