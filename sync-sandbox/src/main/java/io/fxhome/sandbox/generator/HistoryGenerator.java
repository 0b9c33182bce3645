package io.fxhome.sandbox.generator;

import java.util.SplittableRandom;

import io.fxhome.sandbox.http.JsonText;

/**
 * History pages (§7.2): one record per URL, its latest visits (at most 20, newest first, dates in microseconds,
 * transition types mostly LINK and TYPED), a long-tailed visit count and recency, popular hosts shared by many
 * pages. Each page comes from its own random stream, so pages generate in parallel and identically every time.
 */
final class HistoryGenerator {
    static final int TTL_SECONDS = 5_184_000;
    private static final long DAY = 86_400_000L;
    private static final double[] SITE_WEIGHTS = Randoms.zipf(Vocabulary.SITES.length, 1.1);
    /** Visit transition types 1..9 (Places numbering) and how often each appears. */
    private static final int[] TYPES = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    private static final double[] TYPE_WEIGHTS = cumulative(62, 20, 5, 1, 3, 3, 1, 2, 3);
    private static final String[] TLDS = { "com", "org", "net", "io", "de", "fr", "co.uk", "blog" };

    private HistoryGenerator() {
    }

    private static double[] cumulative(double... w) {
        double[] c = new double[w.length];
        double t = 0;
        for (int i = 0; i < w.length; i++) {
            t += w[i];
            c[i] = t;
        }
        return c;
    }

    static GeneratedRecord page(ProfileSpec spec, int index) {
        SplittableRandom r = Randoms.stream(spec.seed(), "history", index);
        String id = Randoms.guid(r);
        long anchor = spec.anchor().toEpochMilli();
        if (r.nextDouble() < spec.tombstoneRate()) {
            return new GeneratedRecord("history", id, GeneratedRecord.tombstoneJson(id), true, null, TTL_SECONDS, null,
                    uploadTime(r, anchor, anchor - r.nextLong(20 * DAY)));
        }
        String url;
        String site;
        if (r.nextDouble() < 0.72) {
            String[] s = Vocabulary.SITES[Randoms.weighted(r, SITE_WEIGHTS)];
            site = s[1];
            url = s[0].equals("www.google.com")
                    ? "https://www.google.com/search?client=firefox-b-d&q=" + Vocabulary.word(r) + "+"
                            + Vocabulary.word(r) + "&ei=" + Long.toString(index, 36)
                    : "https://" + s[0] + "/" + Vocabulary.slug(r, 1 + r.nextInt(3)) + "-" + Long.toString(index, 36);
        } else {
            String host = Vocabulary.word(r) + "-" + Vocabulary.word(r) + "." + Randoms.pick(r, TLDS);
            site = host;
            url = "https://" + host + "/" + (r.nextBoolean() ? "posts/" : "") + Vocabulary.slug(r, 2) + "/"
                    + Long.toString(index, 36);
        }
        String title = Vocabulary.titleWords(r, 2 + r.nextInt(6)) + " - " + site;

        if (spec.hostile()) {
            switch (index) {
                case 0 -> title = HostileContent.SCRIPT_TITLE;
                case 1 -> title = HostileContent.ATTRIBUTE_BREAKOUT;
                case 2 -> url = HostileContent.JAVASCRIPT_URL;
                case 3 -> url = HostileContent.DATA_URL;
                case 4 -> title = HostileContent.longTitle(10_000);
                case 5 -> title = HostileContent.NON_BMP_TITLE;
                case 6 -> title = HostileContent.QUOTES_AND_NEWLINES;
                case 7 -> title = HostileContent.RTL_TITLE;
                default -> {
                }
            }
        }

        // Long tail: most pages were visited once or twice, a few very often (the record keeps the latest 20).
        int visits = (int) Math.min(20, 1 + Math.floor(-Math.log(1 - r.nextDouble()) * 1.6));
        if (r.nextDouble() < 0.04) {
            visits = 20;
        }
        long lastVisit = r.nextDouble() < 0.8 ? anchor - (long) (-Math.log(1 - r.nextDouble()) * 6 * DAY)
                : anchor - 30 * DAY - r.nextLong(3 * 365 * DAY);
        lastVisit = Math.min(lastVisit, anchor - 1000);

        JsonText o = new JsonText(256 + title.length() + url.length() + visits * 40);
        o.beginObject().field("id", id).field("histUri", url);
        double titleChoice = r.nextDouble();
        if (titleChoice < 0.02) {
            o.nullField("title");
        } else if (titleChoice >= 0.04) {
            o.field("title", title);
        }
        o.beginArray("visits");
        long date = lastVisit;
        for (int k = 0; k < visits; k++) {
            o.beginObject().field("date", date * 1000 + r.nextInt(1000))
                    .field("type", TYPES[Randoms.weighted(r, TYPE_WEIGHTS)]).endObject();
            date -= 1000 + (long) (-Math.log(1 - r.nextDouble()) * 2 * DAY);
        }
        o.endArray().endObject();
        double ageDays = (anchor - lastVisit) / (double) DAY;
        int frecency = (int) Math.max(1, visits * 100 / (1 + ageDays / 30));
        return new GeneratedRecord("history", id, o.toString(), false, frecency, TTL_SECONDS, null,
                uploadTime(r, anchor, lastVisit));
    }

    /** Firefox uploads soon after a visit; the server keeps history 60 days, so uploads are recent. */
    static long uploadTime(SplittableRandom r, long anchor, long lastChange) {
        long t = lastChange + r.nextLong(300_000);
        return Math.max(anchor - 29 * DAY, Math.min(anchor - 60_000, t));
    }
}
