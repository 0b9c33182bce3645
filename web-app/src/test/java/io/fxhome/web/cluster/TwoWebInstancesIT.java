package io.fxhome.web.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fxhome.process.testing.AppProcess;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.web.testsupport.JobQueueCleanup;
import io.fxhome.web.testsupport.MozillaSignInPage;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Two packaged web apps on one database and no sticky routing: every step of a sign-in may land on either. The code
 * step, the unblock step and the sign-in on Mozilla's page each start on one instance and finish on the other, and the
 * sign-in limits count the attempts of both.
 */
class TwoWebInstancesIT {
    private static final String NAMESPACE = "fxhome.test.web.it";
    private static SandboxServer sandbox;
    private static AppProcess a;
    private static AppProcess b;
    private static int seed = 77_000;

    static {
        JobQueueCleanup.deleteAtExit(NAMESPACE);
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024));
        Map<String, String> p = new HashMap<>();
        p.put("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + System.getenv().getOrDefault("FXHOME_TEST_PG_HOST", "127.0.0.1") + ":"
                        + System.getenv().getOrDefault("FXHOME_TEST_PG_PORT", "5432") + "/fxhome_test_web");
        p.put("quarkus.datasource.username", "fxhome");
        p.put("quarkus.datasource.password", "fxhome");
        p.put("rabbitmq-host", System.getenv().getOrDefault("FXHOME_TEST_RABBITMQ_HOST", "127.0.0.1"));
        p.put("fxhome.jobs.namespace", NAMESPACE);
        p.put("fxhome.master-key", "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=");
        p.put("fxhome.fxa.auth-url", sandbox.baseUrl());
        p.put("fxhome.fxa.content-url", sandbox.baseUrl());
        p.put("fxhome.fxa.profile-url", sandbox.baseUrl());
        p.put("fxhome.sync.tokenserver-url", sandbox.baseUrl());
        // The test is the proxy in front of both: it names each request's client address.
        p.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        p.put("quarkus.http.proxy.allow-x-forwarded", "true");
        p.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        // This module's packaged web app: integration tests run after the package phase.
        Path jar = Path.of(System.getProperty("fxhome-test.web-jar", "target/quarkus-app/quarkus-run.jar"));
        a = AppProcess.of(jar, "web-a").maxHeap("384m").properties(p).start();
        b = AppProcess.of(jar, "web-b").maxHeap("384m").properties(p).start();
        a.awaitReady(Duration.ofSeconds(120));
        b.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] { a, b, sandbox }) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A browser whose requests the load balancer spreads over both instances. */
    private static final class Client {
        final String address = "10.9." + (seed % 250) + "." + (seed++ % 250);
        final Map<String, String> cookies = new HashMap<>();

        RequestSpecification on(AppProcess instance) {
            return given().baseUri("http://127.0.0.1:" + instance.port()).header("X-Forwarded-For", address).cookies(cookies)
                    .redirects().follow(false).contentType(ContentType.JSON);
        }

        Response keep(Response r) {
            r.getDetailedCookies().forEach(c -> {
                if (c.getValue() == null || c.getValue().isEmpty()) {
                    cookies.remove(c.getName());
                } else {
                    cookies.put(c.getName(), c.getValue());
                }
            });
            return r;
        }
    }

    private static String account(NewAccount spec) {
        sandbox.sandbox().createAccount(spec.withProfile(ProfileSpec.small(seed++).withSizes(5, 5, 1)));
        return spec.email();
    }

    private static String email() {
        return "two-" + UUID.randomUUID() + "@example.test";
    }

    @Test
    void theCodeStepFinishesOnTheOtherInstance() {
        String email = account(NewAccount.of(email(), "pw").withVerification(VerificationMode.EMAIL_OTP));
        Client c = new Client();
        c.keep(c.on(a).body(Map.of("email", email, "password", "pw")).post("/api/v1/session")).then().statusCode(202)
                .body("status", equalTo("verification-required"));
        c.keep(c.on(b).body(Map.of("code", "000000")).post("/api/v1/session/verify")).then().statusCode(401)
                .body("attemptsLeft", equalTo(4));
        c.keep(c.on(a).body(Map.of("code", "111111")).post("/api/v1/session/verify")).then().statusCode(401)
                .body("attemptsLeft", equalTo(3));
        c.keep(c.on(b).body(Map.of("code", sandbox.sandbox().latestEmailCode(email))).post("/api/v1/session/verify")).then()
                .statusCode(200)
                .body("status", equalTo("signed-in")).body("account.email", equalTo(email));
        c.on(a).get("/api/v1/me").then().statusCode(200).body("account.email", equalTo(email));
    }

    @Test
    void theUnblockStepFinishesOnTheOtherInstance() {
        String email = account(NewAccount.of(email(), "pw").withVerification(VerificationMode.NONE));
        sandbox.sandbox().requireUnblockCode(email, true);
        Client c = new Client();
        c.keep(c.on(a).body(Map.of("email", email, "password", "pw")).post("/api/v1/session")).then().statusCode(202)
                .body("status", equalTo("unblock-required"));
        c.keep(c.on(b).body(Map.of()).post("/api/v1/session/unblock/resend")).then().statusCode(204);
        c.keep(c.on(b).body(Map.of("email", email, "password", "pw", "unblockCode", sandbox.sandbox().latestUnblockCode(email)))
                .post("/api/v1/session")).then().statusCode(200).body("status", equalTo("signed-in"));
    }

    @Test
    void theSignInOnMozillasPageFinishesOnTheOtherInstance() {
        String email = account(NewAccount.of(email(), "pw").withVerification(VerificationMode.NONE));
        Client c = new Client();
        Response started = c.keep(c.on(a).body("{}").post("/api/v1/session/browser"));
        started.then().statusCode(201);
        String landedOn = MozillaSignInPage.signIn(started.jsonPath().getString("authorizationUrl"), email, "pw");
        c.keep(c.on(b).body(Map.of("url", landedOn)).post("/api/v1/session/browser/complete")).then().statusCode(200)
                .body("status", equalTo("signed-in")).body("account.email", equalTo(email));
    }

    @Test
    void theSignInLimitsCountTheAttemptsOfBothInstances() {
        String email = account(NewAccount.of(email(), "pw").withVerification(VerificationMode.NONE));
        // fxhome.web.sign-in.per-email defaults to 10 per window: five wrong passwords on each instance use them up.
        for (int i = 0; i < 10; i++) {
            Client c = new Client();
            c.on(List.of(a, b).get(i % 2)).body(Map.of("email", email, "password", "wrong " + i)).post("/api/v1/session").then()
                    .statusCode(401);
        }
        for (AppProcess instance : List.of(a, b)) {
            Client c = new Client();
            c.on(instance).body(Map.of("email", email, "password", "pw")).post("/api/v1/session").then().statusCode(429)
                    .body("code", equalTo("rate-limited"));
        }
        assertThat(email).isNotBlank();
    }
}
