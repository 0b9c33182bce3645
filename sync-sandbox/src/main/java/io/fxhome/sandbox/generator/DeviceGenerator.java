package io.fxhome.sandbox.generator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.http.Json;

/**
 * Devices: one clients record each (§7.4) and one tabs record per device (§7.3). The device kinds mimic real
 * writers: desktop (integer lastUsed), Android (float lastUsed, inactive tabs), iOS (lastUsed as a string, no
 * fxaDeviceId), a tablet, and a second desktop whose record id is a long FxA-style id.
 */
final class DeviceGenerator {
    static final int TTL_SECONDS = 15_552_000;
    private static final long DAY = 86_400_000L;

    /** name, type, os, application, appPackage, formfactor, device, version, lastUsed style. */
    private static final String[][] KINDS = {
            { "Firefox on MacBook Pro", "desktop", "Darwin", "Firefox", "{ec8030f7-c20a-464f-9b0e-13a3a9e97384}",
                    "laptop", null, "133.0", "int" },
            { "Firefox on Pixel 8", "mobile", "Android", "Firefox", "org.mozilla.firefox", "phone", "Pixel 8", "133.0.3",
                    "float" },
            { "Firefox on iPhone", "mobile", "iOS", "Firefox", "org.mozilla.ios.Firefox", "phone", "iPhone", "133.2",
                    "string" },
            { "Firefox on Galaxy Tab S9", "tablet", "Android", "Firefox", "org.mozilla.firefox", "largetablet",
                    "SM-X710", "132.0.1", "float" },
            { "Nightly on Windows Desktop", "desktop", "WINNT", "Nightly", "{ec8030f7-c20a-464f-9b0e-13a3a9e97384}",
                    "desktop", null, "135.0a1", "int" },
    };

    private DeviceGenerator() {
    }

    static List<GeneratedRecord> devices(ProfileSpec spec) {
        List<GeneratedRecord> out = new ArrayList<>();
        long anchor = spec.anchor().toEpochMilli();
        for (int d = 0; d < spec.devices(); d++) {
            SplittableRandom r = Randoms.stream(spec.seed(), "device", d);
            String[] k = KINDS[d % KINDS.length];
            String fxaDeviceId = Randoms.hex(r, 16);
            String id = d == 4 ? fxaDeviceId : Randoms.guid(r);
            String name = d < KINDS.length ? k[0] : k[0] + " " + (d / KINDS.length + 1);
            long lastSeen = anchor - r.nextLong(3 * DAY);

            ObjectNode c = Json.object();
            c.put("id", id).put("name", name).put("type", k[1]);
            ArrayNode commands = c.putArray("commands");
            if (d == 1) {
                commands.addObject().put("command", "displayURI")
                        .set("args", Json.MAPPER.createArrayNode().add("https://www.mozilla.org/firefox/")
                                .add("sender").add("Get Firefox"));
                ((ObjectNode) commands.get(0)).put("flowID", Randoms.guid(r));
            }
            if (!"iOS".equals(k[2])) {
                c.put("fxaDeviceId", fxaDeviceId);
            }
            c.put("version", k[7]);
            c.putArray("protocols").add("1.5");
            c.put("formfactor", k[5]).put("os", k[2]).put("appPackage", k[4]).put("application", k[3]);
            if (k[6] != null) {
                c.put("device", k[6]);
            }
            out.add(new GeneratedRecord("clients", id, Json.write(c), false, null, TTL_SECONDS, null,
                    lastSeen - r.nextLong(DAY)));

            ObjectNode t = Json.object();
            t.put("id", id).put("clientName", name);
            ArrayNode tabs = t.putArray("tabs");
            int count = 1 + r.nextInt(d == 0 ? 25 : 12);
            long lastUsed = lastSeen;
            for (int i = 0; i < count; i++) {
                String[] site = Vocabulary.SITES[r.nextInt(Vocabulary.SITES.length)];
                String url = "https://" + site[0] + "/" + Vocabulary.slug(r, 2);
                String title = Vocabulary.titleWords(r, 3 + r.nextInt(4)) + " - " + site[1];
                if (spec.hostile() && d == 0 && i == 0) {
                    title = HostileContent.SCRIPT_TITLE;
                }
                if (spec.hostile() && d == 0 && i == 1) {
                    url = HostileContent.DATA_URL;
                    title = HostileContent.NON_BMP_TITLE;
                }
                ObjectNode tab = tabs.addObject();
                tab.put("title", title);
                ArrayNode history = tab.putArray("urlHistory");
                history.add(url);
                if ("int".equals(k[8]) && d == 4 && r.nextBoolean()) {
                    history.add("https://" + site[0] + "/");
                }
                double iconChoice = r.nextDouble();
                if (iconChoice < 0.6) {
                    tab.put("icon", "https://" + site[0] + "/favicon.ico");
                } else if (iconChoice < 0.8) {
                    tab.putNull("icon");
                } else {
                    tab.put("icon", "");
                }
                long seconds = lastUsed / 1000;
                switch (k[8]) {
                    case "float" -> tab.put("lastUsed", BigDecimal.valueOf(lastUsed, 3));
                    case "string" -> tab.put("lastUsed", Long.toString(seconds));
                    default -> tab.put("lastUsed", seconds);
                }
                if ("Android".equals(k[2])) {
                    tab.put("inactive", i > 5 && r.nextDouble() < 0.5);
                }
                if ("Darwin".equals(k[2]) && i < 2) {
                    tab.put("pinned", true);
                }
                lastUsed -= 60_000 + r.nextLong(2 * DAY);
            }
            out.add(new GeneratedRecord("tabs", id, Json.write(t), false, null, TTL_SECONDS, null,
                    lastSeen - r.nextLong(3_600_000)));
        }
        return out;
    }
}
