package io.fxhome.sync.doctor;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.json.Json;

/**
 * The one JSON document the doctor prints: every step with its outcome and duration, per-collection counts, the
 * back-off state and, on failure, the error's type, status and (secret-free) message.
 */
final class DoctorReport {
    private final ObjectNode root = Json.object();
    private final ArrayNode steps;
    private final ObjectNode collections;
    private boolean ok = true;

    DoctorReport(String authUrl, String tokenserverUrl) {
        root.put("tool", "fxhome doctor");
        root.put("ok", true);
        root.put("fxa_auth_url", authUrl);
        root.put("tokenserver_url", tokenserverUrl);
        steps = root.putArray("steps");
        collections = root.putObject("collections");
    }

    /** A step that went through; {@code detail} fills its "detail" object. */
    ObjectNode step(String name, String outcome, long millis, Consumer<ObjectNode> detail) {
        ObjectNode s = steps.addObject().put("step", name).put("outcome", outcome).put("ms", millis);
        detail.accept(s.putObject("detail"));
        return s;
    }

    /** A step that failed: the report and the exit code become failures. */
    void failed(String name, long millis, Throwable e) {
        ok = false;
        ObjectNode s = steps.addObject().put("step", name).put("outcome", "failed").put("ms", millis);
        ObjectNode err = s.putObject("error").put("type", e.getClass().getSimpleName());
        if (e instanceof SyncException) {
            err.put("status", ((SyncException) e).status().name());
        }
        // SyncException messages are built secret-free; other exceptions are ours (bad file, bad URL).
        err.put("message", e.getMessage());
    }

    ObjectNode collection(String name) {
        return collections.putObject(name);
    }

    void backoff(String untilOrNull) {
        ObjectNode b = root.putObject("backoff");
        if (untilOrNull == null) {
            b.putNull("until");
        } else {
            b.put("until", untilOrNull);
        }
    }

    /**
     * Downgrades the latest step, which ran but leaves the account not fully usable ("no_data" when there is no
     * Sync data yet, "partial" when records were skipped), and fails the report.
     */
    void lastStepOutcome(String outcome, String why) {
        ok = false;
        ObjectNode last = (ObjectNode) steps.get(steps.size() - 1);
        last.put("outcome", outcome);
        last.withObjectProperty("detail").put("problem", why);
    }

    boolean ok() {
        return ok;
    }

    String render() {
        root.put("ok", ok);
        return root.toPrettyString();
    }
}
