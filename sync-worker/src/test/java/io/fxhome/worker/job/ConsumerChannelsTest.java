package io.fxhome.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;

/** Against the real broker: the client itself tells which channel a registration lives on, and when it closes. */
class ConsumerChannelsTest {
    private final ConsumerChannels channels = new ConsumerChannels();

    @Test
    void aRegistrationIsCurrentWhileItsChannelIsOpenAndSupersededOnceItCloses() throws Exception {
        try (Connection connection = connect()) {
            Channel first = connection.createChannel();
            String firstTag = consume(first);
            assertThat(channels.superseded(firstTag)).isFalse();
            assertThat(channels.openRegistrations()).isEqualTo(1);

            // What a reconnection looks like from here: the old channel is gone, a new registration takes its place.
            first.close();
            String secondTag = consume(connection.createChannel());
            assertThat(channels.superseded(firstTag)).isTrue();
            assertThat(channels.superseded(secondTag)).isFalse();
            assertThat(channels.openRegistrations()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionThatClosesSupersedesEveryRegistrationOnIt() throws Exception {
        String tag;
        try (Connection connection = connect()) {
            tag = consume(connection.createChannel());
            assertThat(channels.superseded(tag)).isFalse();
        }
        assertThat(channels.superseded(tag)).isTrue();
        assertThat(channels.openRegistrations()).isZero();
    }

    @Test
    void aRegistrationNeverSeenOrNoneAtAllIsNotSuperseded() {
        assertThat(channels.superseded("amq.ctag-never-seen")).isFalse();
        assertThat(channels.superseded(null)).isFalse();
    }

    private Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("FXHOME_TEST_RABBITMQ_HOST", "127.0.0.1"));
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setMetricsCollector(channels);
        return factory.newConnection("fxhome ConsumerChannelsTest");
    }

    /** Registers a consumer on a queue of its own (server-named, deleted with the connection). */
    private static String consume(Channel channel) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        return channel.basicConsume(queue, false, new DefaultConsumer(channel));
    }
}
