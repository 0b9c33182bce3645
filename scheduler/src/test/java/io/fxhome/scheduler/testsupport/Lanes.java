package io.fxhome.scheduler.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;

import io.fxhome.job.RabbitConnectionSettings;
import io.fxhome.job.SyncJob;
import io.fxhome.job.SyncJobCodec;
import io.fxhome.job.SyncMessageHeaders;
import io.fxhome.job.SyncTopology;

/**
 * Reads the lanes of a test topology on the local broker like a worker would (and checks every message's
 * properties on the way), purges them, and deletes the whole topology when the test JVM ends.
 */
public final class Lanes implements AutoCloseable {
    /** A drain ends once no message has come for this long (confirmed messages are all there already). */
    private static final Duration QUIET = Duration.ofMillis(300);
    private final SyncTopology topology;
    private final Connection connection;
    private final Channel channel;

    public Lanes(SyncTopology topology) {
        this.topology = topology;
        try {
            connection = rabbit().connectionFactory().newConnection("scheduler test reader");
            channel = connection.createChannel();
            topology.declare(channel);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot reach the local RabbitMQ", e);
        }
    }

    public static RabbitConnectionSettings rabbit() {
        return new RabbitConnectionSettings(System.getenv().getOrDefault("FXHOME_TEST_RABBITMQ_HOST", "127.0.0.1"), 5672,
                "guest", "guest", "/");
    }

    /** Deletes the topology's queues and exchanges when the JVM exits (other test classes may still use them until then). */
    public static void deleteAtExit(SyncTopology topology) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(topology)));
    }

    public static void delete(SyncTopology topology) {
        try (Connection cleanup = rabbit().connectionFactory().newConnection("scheduler test cleanup")) {
            Channel ch = cleanup.createChannel();
            for (String queue : topology.queueNames()) {
                ch.queueDelete(queue);
            }
            for (String exchange : topology.exchangeNames()) {
                ch.exchangeDelete(exchange);
            }
        } catch (IOException | TimeoutException e) {
            System.err.println("could not delete test topology " + topology + ": " + e);
        }
    }

    public void purge() {
        try {
            for (String queue : topology.queueNames()) {
                channel.queuePurge(queue);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<SyncJob> drainScheduled() {
        return drain(topology.scheduledQueue(), Duration.ZERO, 0);
    }

    public List<SyncJob> drainInteractive() {
        return drain(topology.interactiveQueue(), Duration.ZERO, 0);
    }

    /**
     * Takes every message on the queue until none has come for a moment; if fewer than {@code expected} arrived,
     * keeps waiting for up to {@code wait}. Each message must be a persistent JSON job with its version header.
     */
    public List<SyncJob> drain(String queue, Duration wait, int expected) {
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        List<SyncJob> jobs = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            channel.basicQos(2000);
            String tag = channel.basicConsume(queue, true, (consumerTag, delivery) -> received.add(delivery), consumerTag -> {
            });
            try {
                while (true) {
                    Delivery delivery = received.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS);
                    if (delivery == null) {
                        if (jobs.size() >= expected || System.nanoTime() > deadline) {
                            return jobs;
                        }
                        continue;
                    }
                    var props = delivery.getProperties();
                    if (props.getDeliveryMode() != 2 || !SyncMessageHeaders.CONTENT_TYPE.equals(props.getContentType())
                            || !Integer.valueOf(SyncJob.CURRENT_VERSION)
                                    .equals(props.getHeaders().get(SyncMessageHeaders.JOB_VERSION))) {
                        throw new AssertionError("job message without its properties: " + props);
                    }
                    jobs.add(SyncJobCodec.decode(delivery.getBody()));
                }
            } finally {
                channel.basicCancel(tag);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
