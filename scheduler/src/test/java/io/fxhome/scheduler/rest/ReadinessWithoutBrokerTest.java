package io.fxhome.scheduler.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A scheduler that cannot reach its broker must not report ready (it could not enqueue anything). */
@QuarkusTest
@TestProfile(ReadinessWithoutBrokerTest.NoBroker.class)
class ReadinessWithoutBrokerTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1: nothing listens there, the connection is refused at once.
            return Map.of("rabbitmq-port", "1");
        }
    }

    @Test
    void notReadyWithoutTheBroker() {
        given().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'rabbitmq-publisher' }.status", equalTo("DOWN"))
                .body("checks.name", hasItem("Database connections health check"));
        // Still alive: the process waits for the broker instead of dying.
        given().get("/q/health/live").then().statusCode(200);
    }
}
