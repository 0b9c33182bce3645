package io.fxhome.scheduler.testsupport;

import java.time.Duration;
import java.util.Map;

import io.fxhome.scheduler.config.SchedulerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The real {@link SchedulerConfig} mapping, with its documented defaults, outside Quarkus. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static SchedulerConfig scheduler(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SchedulerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(overrides, "test overrides", 500))
                .build();
        return config.getConfigMapping(SchedulerConfig.class);
    }

    public static SchedulerConfig scheduler() {
        return scheduler(Map.of());
    }
}
