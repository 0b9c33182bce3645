package io.fxhome.sync.records;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.storage.DecryptedRecord;

/**
 * A {@code clients} record (§7.4): one device.
 *
 * @param id the client id
 * @param name the device name
 * @param type {@code desktop}, {@code mobile}, {@code tablet}, {@code vr}, {@code tv} (others possible)
 * @param commands pending commands for that device
 * @param fxaDeviceId FxA device id (links to tabs and the FxA device list), may be null (iOS)
 * @param version app version
 * @param protocols e.g. {@code ["1.5"]}
 * @param formfactor e.g. {@code phone}, {@code desktop}
 * @param os e.g. {@code WINNT}, {@code Android}
 * @param appPackage package or app id
 * @param application e.g. {@code Firefox}
 * @param device hardware description
 * @param unknownFields members this parser does not know
 */
public record ClientRecord(String id, String name, String type, List<Command> commands, String fxaDeviceId,
        String version, List<String> protocols, String formfactor, String os, String appPackage, String application,
        String device, Map<String, JsonNode> unknownFields) {

    private static final Set<String> KNOWN = Set.of("id", "name", "type", "commands", "fxaDeviceId", "version",
            "protocols", "formfactor", "os", "appPackage", "application", "device", "deleted");

    /** A pending command, e.g. {@code displayURI} with its args. */
    public record Command(String command, List<String> args, String flowId) {
    }

    /** {@code type} with {@code phone} read as {@code mobile}, as Firefox does. */
    public String deviceType() {
        return "phone".equals(type) ? "mobile" : type;
    }

    public static ClientRecord parse(String bsoId, JsonNode o) {
        List<Command> commands = new ArrayList<>();
        JsonNode cs = o.get("commands");
        if (cs != null && cs.isArray()) {
            for (JsonNode c : cs) {
                if (c != null && c.isObject() && Fields.text(c, "command") != null) {
                    commands.add(new Command(Fields.text(c, "command"), Fields.strings(c, "args"),
                            Fields.text(c, "flowID")));
                }
            }
        }
        return new ClientRecord(Fields.id(o, bsoId), Fields.text(o, "name"), Fields.text(o, "type"),
                Collections.unmodifiableList(commands), Fields.text(o, "fxaDeviceId"), Fields.text(o, "version"),
                Fields.strings(o, "protocols"), Fields.text(o, "formfactor"), Fields.text(o, "os"),
                Fields.text(o, "appPackage"), Fields.text(o, "application"), Fields.text(o, "device"),
                Fields.unknown(o, KNOWN));
    }

    public static ClientRecord from(DecryptedRecord record) {
        return parse(record.id(), record.cleartext());
    }
}
