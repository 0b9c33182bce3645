package io.fxhome.worker.startup;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.fxhome.job.SyncJobPublisher;
import io.fxhome.secrets.MasterKeyVerifier;
import io.fxhome.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs before the messaging channels subscribe: a wrong master key stops the process here, and the job topology
 * (lanes, retry tiers, dead letters) exists before the consumers look for their queues.
 */
@ApplicationScoped
public class WorkerStartup {
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, MasterKeyVerifier masterKey,
            SyncJobPublisher publisher, WorkerConfig config) {
        masterKey.verify();
        if (!publisher.checkConnection()) {
            Log.warn("RabbitMQ is not reachable yet; the consumers will retry and readiness stays DOWN until it is");
        }
        Log.infof("sync worker: %d accounts in parallel (heap %d MiB)", config.effectiveConcurrency(),
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
