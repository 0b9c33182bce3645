package io.fxhome.worker.startup;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.fxhome.job.SyncJobPublisher;
import io.fxhome.secrets.MasterKeyVerifier;
import io.fxhome.worker.config.WorkerConfig;
import io.fxhome.worker.warmup.WarmUp;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs before the messaging channels subscribe: a wrong master key stops the process here, and the job topology
 * (lanes, retry tiers, dead letters) exists before the consumers look for their queues; and the warm-up (WarmUp) runs
 * before the first job is taken.
 */
@ApplicationScoped
public class WorkerStartup {
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, MasterKeyVerifier masterKey,
            SyncJobPublisher publisher, WorkerConfig config, WarmUp warmUp) {
        masterKey.verify();
        if (!publisher.checkConnection()) {
            Log.warn("RabbitMQ is not reachable yet; the consumers will retry and readiness stays DOWN until it is");
        }
        Log.infof("sync worker: %d accounts in parallel (heap %d MiB)", config.effectiveConcurrency(),
                Runtime.getRuntime().maxMemory() >> 20);
        // Here, before the consumers subscribe (their readiness checks stay DOWN until then): no job is taken while the
        // JIT compiles the sync path.
        warmUp.runIfEnabled();
    }
}
