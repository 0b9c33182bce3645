package io.fxhome.web.browser;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The browser tests' own job namespace, which their worker process consumes (the API tests' jobs stay unconsumed). */
public class BrowserProfile implements QuarkusTestProfile {
    public static final String NAMESPACE = "fxhome.test.web.browser";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fxhome.jobs.namespace", NAMESPACE);
    }
}
