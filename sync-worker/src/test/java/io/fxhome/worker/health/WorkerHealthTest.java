package io.fxhome.worker.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WorkerHealthTest {

    @Test
    void readyOnceDatabaseBrokerAndSubscriptionsAreUp() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name",
                        hasItems("Database connections health check", "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void live() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    /** The autoscaling signal (docs/operations.md, "Scaling"): slots, busy over slots, busy slot-seconds. */
    @Test
    void exportsTheSlotsAndTheirUse() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("fxhome_worker_slots "), containsString("fxhome_worker_busy_ratio "),
                        containsString("fxhome_worker_busy_seconds_total "));
    }
}
