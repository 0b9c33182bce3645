package io.fxhome.sandbox.generator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What to generate. The same spec (seed, anchor, sizes, options) always gives the same cleartext truth.
 *
 * @param seed drives every random choice
 * @param anchor "now" of the generated profile: visits, dateAdded and uploads lie before it
 * @param bookmarks bookmark items besides the four roots (folders, bookmarks, separators, queries)
 * @param history history pages
 * @param devices clients records (the first is this desktop); each device gets a tabs record
 * @param tombstoneRate share of bookmark and history ids that are deletions
 * @param hostile include markup, javascript:/data: URLs, very long and non-BMP strings
 * @param badHmacRecord include one history record whose HMAC does not verify
 * @param notJsonRecord include one history record whose cleartext is not JSON
 * @param perCollectionKeys collections that get their own bulk key in crypto/keys
 */
public record ProfileSpec(long seed, Instant anchor, int bookmarks, int history, int devices, double tombstoneRate,
        boolean hostile, boolean badHmacRecord, boolean notJsonRecord, List<String> perCollectionKeys) {

    public ProfileSpec {
        if (bookmarks < 0 || history < 0 || devices < 0 || tombstoneRate < 0 || tombstoneRate >= 1) {
            throw new IllegalArgumentException("bad profile sizes");
        }
        perCollectionKeys = List.copyOf(perCollectionKeys);
        anchor = anchor.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Start of the current UTC day: two generations on the same day agree. */
    public static Instant today() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS);
    }

    public static ProfileSpec small(long seed) {
        return new ProfileSpec(seed, today(), 40, 150, 3, 0.03, true, false, false, List.of("bookmarks"));
    }

    public static ProfileSpec medium(long seed) {
        return new ProfileSpec(seed, today(), 400, 5_000, 4, 0.02, true, false, false, List.of("bookmarks"));
    }

    public static ProfileSpec large(long seed) {
        return new ProfileSpec(seed, today(), 2_000, 100_000, 5, 0.01, true, false, false, List.of("bookmarks"));
    }

    public static ProfileSpec preset(String name, long seed) {
        return switch (name) {
            case "small" -> small(seed);
            case "medium" -> medium(seed);
            case "large" -> large(seed);
            default -> throw new IllegalArgumentException("unknown profile preset: " + name);
        };
    }

    public ProfileSpec withAnchor(Instant value) {
        return new ProfileSpec(seed, value, bookmarks, history, devices, tombstoneRate, hostile, badHmacRecord,
                notJsonRecord, perCollectionKeys);
    }

    public ProfileSpec withSizes(int newBookmarks, int newHistory, int newDevices) {
        return new ProfileSpec(seed, anchor, newBookmarks, newHistory, newDevices, tombstoneRate, hostile,
                badHmacRecord, notJsonRecord, perCollectionKeys);
    }

    public ProfileSpec withHostile(boolean value) {
        return new ProfileSpec(seed, anchor, bookmarks, history, devices, tombstoneRate, value, badHmacRecord,
                notJsonRecord, perCollectionKeys);
    }

    /** Adds (or not) the two records a correct client must skip: one with a bad HMAC, one not JSON. */
    public ProfileSpec withCorruptRecords(boolean badHmac, boolean notJson) {
        return new ProfileSpec(seed, anchor, bookmarks, history, devices, tombstoneRate, hostile, badHmac, notJson,
                perCollectionKeys);
    }

    public ProfileSpec withTombstoneRate(double value) {
        return new ProfileSpec(seed, anchor, bookmarks, history, devices, value, hostile, badHmacRecord,
                notJsonRecord, perCollectionKeys);
    }

    public ProfileSpec withPerCollectionKeys(List<String> value) {
        return new ProfileSpec(seed, anchor, bookmarks, history, devices, tombstoneRate, hostile, badHmacRecord,
                notJsonRecord, value);
    }
}
