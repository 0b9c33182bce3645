package io.fxhome.worker.frecency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Firefox's frecency as the worker computes it: known values worked out by hand from Firefox's formula, and the Java
 * computation (new pages) equal to the SQL function (pages already held) on random visit sets. How the writers keep
 * it (the archive's older visits in the sample, the weight a bookmark gives, both ways): HistoryFrecencyTest.
 */
@QuarkusTest
class FrecencyTest {
    private static final long DAY = 86_400_000_000L;
    /** 2023-11-14, day 19675 since the epoch. */
    private static final long T = 1_700_000_000_000_000L;
    private static final double LAMBDA = Math.log(2) / 30;

    @Inject
    AgroalDataSource ds;

    @Test
    void knownValues() {
        // One link visit: day + ln(50) / λ = 19675 + 169.
        assertThat(of(new Visit(T, 1))).isEqualTo(19675 + 169);
        // A typed visit weighs 100: + ln(100) / λ = 199.
        assertThat(of(new Visit(T, 2))).isEqualTo(19675 + 199);
        // A link today and one 30 days earlier (half-life: weighs half): (50 + 25) / 2 * 2 = 75.
        assertThat(of(new Visit(T, 1), new Visit(T - 30 * DAY, 1))).isEqualTo(19675 + (int) (Math.log(75) / LAMBDA));
        // Downloads, framed links and reloads are not sampled; embeds weigh 20; nothing sampled is 0.
        assertThat(of(new Visit(T, 7), new Visit(T, 9))).isZero();
        assertThat(of(new Visit(T, 4))).isEqualTo(19675 + (int) (Math.log(20) / LAMBDA));
        // Only the 10 latest count in the mean; the visit count multiplies it (12 counted visits).
        List<Visit> twelve = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twelve.add(new Visit(T - i * DAY, i < 10 ? 1 : 2));
        }
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += 50 * Math.exp(-LAMBDA * i);
        }
        assertThat(of(twelve.toArray(Visit[]::new))).isEqualTo(19675 + (int) (Math.log(sum / 10 * 12) / LAMBDA));
        // A place: query scores 0, as in Firefox.
        Set<Visit> one = Set.of(new Visit(T, 2));
        assertThat(Frecency.of(Frecency.sample(one), 1, false, "place:sort=8")).isZero();
        // A bookmarked page's visits all weigh 100.
        assertThat(Frecency.of(Frecency.sample(Set.of(new Visit(T, 1))), 1, true, "https://x.example/")).isEqualTo(19675 + 199);
    }

    @Test
    void javaAndSqlAgreeOnRandomVisits() throws SQLException {
        Random random = new Random(7);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select fxhome_page_frecency(?::bigint[], ?::smallint[], ?, ?, null, 'https://x.example/')")) {
            for (int n = 0; n < 500; n++) {
                Set<Visit> visits = new LinkedHashSet<>();
                int count = 1 + random.nextInt(25);
                for (int i = 0; i < count; i++) {
                    visits.add(new Visit(T - (long) (random.nextDouble() * 400 * DAY), 1 + random.nextInt(9)));
                }
                boolean bookmarked = random.nextInt(4) == 0;
                List<Visit> sample = Frecency.sample(visits);
                int counted = Frecency.countedVisits(visits);
                ps.setArray(1, c.createArrayOf("bigint", sample.stream().map(Visit::visitedAtMicros).toArray()));
                ps.setArray(2, c.createArrayOf("smallint", sample.stream().map(v -> (short) v.transition()).toArray()));
                ps.setInt(3, counted);
                ps.setBoolean(4, bookmarked);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("visits %s, bookmarked %s", visits, bookmarked)
                            .isEqualTo(Frecency.of(sample, counted, bookmarked, "https://x.example/"));
                }
            }
        }
    }

    private static int of(Visit... visits) {
        Set<Visit> distinct = new LinkedHashSet<>(List.of(visits));
        return Frecency.of(Frecency.sample(distinct), Frecency.countedVisits(distinct), false, "https://x.example/");
    }
}
