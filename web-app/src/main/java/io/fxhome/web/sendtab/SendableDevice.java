package io.fxhome.web.sendtab;

/**
 * One of the account's devices a tab can be sent to (it takes {@code open-uri}).
 *
 * @param id the device id at Mozilla (32 hex)
 * @param name the name its owner gave it (synced text: escape where shown)
 * @param type {@code desktop}, {@code mobile}, {@code tablet}, …
 * @param lastAccessTime when Mozilla last saw it (ms since the epoch), null when unknown
 */
public record SendableDevice(String id, String name, String type, Long lastAccessTime) {
}
