package io.fxhome.web.testsupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.fxhome.job.SyncTopology;

/**
 * The API tests enqueue first syncs that no worker consumes: their test namespace's queues and exchanges are deleted
 * when the test JVM exits, so that the shared broker does not collect them run after run.
 */
public final class JobQueueCleanup {
    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    private JobQueueCleanup() {
    }

    public static void deleteAtExit(String namespace) {
        if (REGISTERED.add(namespace)) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> delete(SyncTopology.of(namespace, SyncTopology.DEFAULT_RETRY_DELAYS))));
        }
    }

    private static void delete(SyncTopology topology) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("FXHOME_TEST_RABBITMQ_HOST", "127.0.0.1"));
        factory.setUsername("guest");
        factory.setPassword("guest");
        try (Connection connection = factory.newConnection("web-app test cleanup")) {
            Channel channel = connection.createChannel();
            for (String queue : topology.queueNames()) {
                channel.queueDelete(queue);
            }
            for (String exchange : topology.exchangeNames()) {
                channel.exchangeDelete(exchange);
            }
        } catch (Exception e) {
            System.err.println("could not delete the test job topology " + topology.namespace() + ": " + e);
        }
    }
}
