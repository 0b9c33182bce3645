package io.fxhome.scheduler.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The scheduler's plain-Java parts as CDI beans. */
@ApplicationScoped
public class SchedulerBeans {

    /** The system clock in UTC; tests drive the plain-Java tick with a clock of their own. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** This instance's name in logs, the status and scheduler_control: configured, else host name and pid. */
    @Produces
    @Singleton
    @Named("schedulerInstance")
    String instanceName(SchedulerConfig config) {
        return config.instanceName().orElseGet(() -> {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
            return host + "-" + ProcessHandle.current().pid();
        });
    }
}
