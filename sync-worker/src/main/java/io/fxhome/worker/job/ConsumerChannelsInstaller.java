package io.fxhome.worker.job;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Gives every RabbitMQ client the connector creates {@link ConsumerChannels} as its metrics collector, the one hook
 * through which the Java client tells which channel a consumer registration lives on.
 */
@ApplicationScoped
public class ConsumerChannelsInstaller implements ClientCustomizer<RabbitMQOptions> {
    private final ConsumerChannels channels;

    public ConsumerChannelsInstaller(ConsumerChannels channels) {
        this.channels = channels;
    }

    @Override
    public RabbitMQOptions customize(String channel, Config channelConfig, RabbitMQOptions options) {
        if (options.getMetricsCollector() != null && options.getMetricsCollector() != channels) {
            Log.warnf("channel %s: a RabbitMQ metrics collector is configured already; a job settled after a"
                    + " reconnection may be acknowledged on the wrong channel", channel);
            return options;
        }
        return options.setMetricsCollector(channels);
    }
}
