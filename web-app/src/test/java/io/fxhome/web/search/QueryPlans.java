package io.fxhome.web.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a statement's plan reads: each scan of a table or index, as "node type: index condition". */
final class QueryPlans {
    private static final Set<String> SCANS = Set.of("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Index Scan", "Tid Scan",
            "Tid Range Scan", "Sample Scan");

    private QueryPlans() {
    }

    static List<String> tableScans(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("explain (format json) " + sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                JsonNode plan = new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
                List<String> scans = new ArrayList<>();
                collect(plan, scans);
                return scans;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
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
