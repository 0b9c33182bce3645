package io.fxhome.web.startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.fxhome.job.SyncJobPublisher;
import io.fxhome.secrets.MasterKeyVerifier;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.signin.BrowserSignIns;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * A wrong master key stops the process at start (it could not open a single account's secrets), instead of failing
 * every sign-out and unlink later; a broker that is down only delays first syncs, so it is a warning.
 */
@ApplicationScoped
public class WebStartup {
    void onStart(@Observes StartupEvent event, MasterKeyVerifier masterKey, SyncJobPublisher publisher, WebConfig config,
            BrowserSignIns browserSignIns) {
        masterKey.verify();
        if (!publisher.checkConnection()) {
            Log.warn(
                    "RabbitMQ is not reachable yet: sign-ins work, first syncs wait for the broker (readiness is DOWN until then)");
        }
        Log.infof("web app: sessions idle-expire after %s; sign-in on Mozilla's page returns %s",
                config.session().idleTimeout(),
                browserSignIns.returnsByItself() ? "to fxhome's callback by itself" : "by the address the person pastes");
    }
}
