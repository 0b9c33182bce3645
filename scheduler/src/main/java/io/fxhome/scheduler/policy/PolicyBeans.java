package io.fxhome.scheduler.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.fxhome.scheduler.config.SchedulerConfig;

/** The plain-Java schedule policy as a CDI bean, on its settings (fxhome.scheduler.policy.*). */
@ApplicationScoped
public class PolicyBeans {

    @Produces
    @Singleton
    SyncSchedulePolicy policy(SchedulerConfig config) {
        return new SyncSchedulePolicy(config.policy());
    }
}
