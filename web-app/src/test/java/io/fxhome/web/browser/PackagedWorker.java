package io.fxhome.web.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.testing.SandboxTestResource;

/**
 * The real sync worker, packaged by the reactor before this module, started as its own process on this module's test
 * database, job namespace ({@link BrowserProfile}) and sandbox: a real sync, without web-app depending on the worker's
 * code.
 */
final class PackagedWorker {
    private PackagedWorker() {
    }

    static AppProcess start(String name) throws Exception {
        Map<String, String> p = new HashMap<>();
        p.put("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + System.getenv().getOrDefault("FXHOME_TEST_PG_HOST", "127.0.0.1") + ":"
                        + System.getenv().getOrDefault("FXHOME_TEST_PG_PORT", "5432") + "/fxhome_test_web");
        p.put("quarkus.datasource.username", "fxhome");
        p.put("quarkus.datasource.password", "fxhome");
        // The web app owns this schema in its tests; the worker's jar may be a build older than this module's migrations.
        p.put("quarkus.flyway.migrate-at-start", "false");
        p.put("rabbitmq-host", System.getenv().getOrDefault("FXHOME_TEST_RABBITMQ_HOST", "127.0.0.1"));
        p.put("fxhome.jobs.namespace", BrowserProfile.NAMESPACE);
        p.put("fxhome.master-key", "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=");
        p.put("fxhome.fxa.auth-url", SandboxTestResource.server().baseUrl());
        p.put("fxhome.sync.tokenserver-url", SandboxTestResource.server().baseUrl());
        Path jar = Path.of(System.getProperty("fxhome-test.worker-jar", "../sync-worker/target/quarkus-app/quarkus-run.jar"));
        AppProcess worker = AppProcess.of(jar, name).maxHeap("384m").properties(p).start();
        worker.awaitReady(Duration.ofSeconds(120));
        return worker;
    }
}
