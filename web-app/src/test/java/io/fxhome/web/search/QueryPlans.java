package io.fxhome.web.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a statement's plan reads: each scan of a table or index, as "node type: index condition". */
public final class QueryPlans {
    private static final Set<String> SCANS = Set.of("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Index Scan",
            "Tid Scan",
            "Tid Range Scan", "Sample Scan");

    private QueryPlans() {
    }

    /** The plan made for these values. */
    public static List<String> tableScans(Connection c, String sql, List<Object> params) throws SQLException {
        return scans(c, "explain (format json) " + sql, params);
    }

    /**
     * The generic plan, made without the values: what the search keeps and reuses per connection once the session's
     * {@code plan_cache_mode} is {@code force_generic_plan} (an EXPLAIN with bound values shows a custom plan instead).
     */
    public static List<String> genericTableScans(Connection c, String sql, List<Object> params) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("deallocate all");
            // Through a DO block: over the extended protocol PostgreSQL reads a PREPARE's $n as the outer statement's.
            st.execute("do $fxplan$ begin execute $q$prepare fxhome_plan as " + numbered(sql) + "$q$; end $fxplan$");
        }
        // EXPLAIN EXECUTE takes no bound parameters over the extended protocol: the values go in as literals.
        String args = String.join(", ", params.stream().map(QueryPlans::literal).toList());
        return scans(c, "explain (format json) execute fxhome_plan(" + args + ")", List.of());
    }

    private static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** JDBC's ? placeholders as $1, $2, ... (outside quoted literals). */
    private static String numbered(String sql) {
        StringBuilder b = new StringBuilder(sql.length() + 16);
        boolean quoted = false;
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            }
            if (ch == '?' && !quoted) {
                b.append('$').append(++n);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static List<String> scans(Connection c, String explain, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(explain)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                JsonNode plan = new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
                List<String> scans = new ArrayList<>();
                collect(plan, scans);
                return scans;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void collect(JsonNode node, List<String> scans) {
        String type = node.path("Node Type").asText();
        if (SCANS.contains(type)) {
            scans.add(type + " " + node.path("Index Name").asText(node.path("Relation Name").asText()) + ": "
                    + node.path("Index Cond").asText(node.path("Filter").asText("")));
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, scans);
        }
    }
}
