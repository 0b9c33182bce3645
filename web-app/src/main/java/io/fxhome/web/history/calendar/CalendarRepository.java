package io.fxhome.web.history.calendar;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.history.visits.VisitRange;

/**
 * Visits counted per day. The days' bounds are computed here, in the asked time zone (so a day of 23 or 25 hours is
 * right), and the database counts the month's visits into them with {@code width_bucket}, reading only the account's
 * visits of that month from {@code history_visit_time_idx}.
 */
@ApplicationScoped
public class CalendarRepository {
    public static final String COUNT = """
            select width_bucket(visited_at, ?::bigint[]) as day, count(*) from history_visit
             where account_id = ? and visited_at >= ? and visited_at < ?
             group by day""";

    private final ShardRouter shards;

    public CalendarRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public CalendarMonth month(UUID account, YearMonth month, ZoneId zone, LocalDate today) {
        LocalDate first = month.atDay(1);
        long[] counts = counts(account, first, month.lengthOfMonth(), zone);
        List<CalendarDay> days = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            days.add(new CalendarDay(first.plusDays(i), counts[i]));
            total += counts[i];
        }
        LocalDate yearAgo = today.minusYears(1);
        CalendarDay onThisDay = new CalendarDay(yearAgo, counts(account, yearAgo, 1, zone)[0]);
        return new CalendarMonth(month.toString(), zone.getId(), days, total,
                month.getYear() > 1 || month.getMonthValue() > 1 ? month.minusMonths(1).toString() : null,
                month.getYear() < 9999 || month.getMonthValue() < 12 ? month.plusMonths(1).toString() : null, onThisDay);
    }

    /** The visits of each of {@code n} days from {@code first}. */
    long[] counts(UUID account, LocalDate first, int n, ZoneId zone) {
        Long[] bounds = new Long[n + 1];
        for (int i = 0; i <= n; i++) {
            bounds[i] = VisitRange.micros(first.plusDays(i).atStartOfDay(zone).toInstant());
        }
        long[] counts = new long[n];
        try (Connection c = shards.dataSource(account).getConnection(); PreparedStatement ps = c.prepareStatement(COUNT)) {
            ps.setArray(1, c.createArrayOf("bigint", bounds));
            ps.setObject(2, account);
            ps.setLong(3, bounds[0]);
            ps.setLong(4, bounds[n]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int day = rs.getInt(1);
                    if (day >= 1 && day <= n) {
                        counts[day - 1] = rs.getLong(2);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the visits of account " + account + ": " + e.getMessage(), e);
        }
        return counts;
    }
}
