package io.fxhome.web.inbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.history.export.CsvCells;
import io.fxhome.web.http.Links;
import io.fxhome.web.session.CurrentUser;

/**
 * The inbox (every tab other Firefoxes sent to fxhome, oldest first) as JSON and as CSV, like the history's exports:
 * streamed from one read-only transaction through the account-led primary key, downloads never cached.
 */
@Path("/api/v1/export")
@Tag(name = "export")
public class InboxExportResource {
    static final String CSV_HEADER = "sentAt,url,title,senderName,readAt\r\n";
    /** Oldest first through the primary key (account_id, id): ids grow in the order the worker stored the tabs. */
    static final String ALL = """
            select sent_at, url, title, sender_name, read_at from inbox where account_id = ? order by id""";

    private final ShardRouter shards;
    private final CurrentUser current;
    private final ObjectMapper mapper;

    public InboxExportResource(ShardRouter shards, CurrentUser current, ObjectMapper mapper) {
        this.shards = shards;
        this.current = current;
        this.mapper = mapper;
    }

    /** One received tab as exported; {@code readAt} null while unread. */
    record ExportedTab(String sentAt, String url, String title, String senderName, String readAt) {
    }

    private interface Sink {
        void accept(ExportedTab tab) throws IOException;
    }

    @GET
    @Path("/inbox.json")
    @Produces("application/json")
    @Operation(summary = "Every tab sent to fxhome, oldest first, as JSON: {\"tabs\": [{\"sentAt\", \"url\", \"title\", \"senderName\", \"readAt\", \"linkable\"}]}")
    public Response json() {
        UUID account = current.require().accountId();
        StreamingOutput body = out -> {
            try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeArrayFieldStart("tabs");
                each(account, t -> {
                    g.writeStartObject();
                    g.writeStringField("sentAt", t.sentAt());
                    g.writeStringField("url", t.url());
                    g.writeStringField("title", t.title());
                    g.writeStringField("senderName", t.senderName());
                    g.writeStringField("readAt", t.readAt());
                    g.writeBooleanField("linkable", Links.linkable(t.url()));
                    g.writeEndObject();
                });
                g.writeEndArray();
                g.writeEndObject();
            }
        };
        return download(body, "application/json; charset=utf-8", "fxhome-inbox.json");
    }

    @GET
    @Path("/inbox.csv")
    @Produces("text/csv")
    @Operation(summary = "Every tab sent to fxhome, oldest first, as RFC 4180 CSV (UTF-8, CRLF): sentAt,url,title,senderName,readAt."
            + " Text that a spreadsheet would run as a formula starts with an apostrophe")
    public Response csv() {
        UUID account = current.require().accountId();
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            w.write(CSV_HEADER);
            each(account, t -> {
                w.write(t.sentAt());
                w.write(',');
                w.write(CsvCells.text(t.url()));
                w.write(',');
                w.write(CsvCells.text(t.title()));
                w.write(',');
                w.write(CsvCells.text(t.senderName()));
                w.write(',');
                w.write(t.readAt() == null ? "" : t.readAt());
                w.write("\r\n");
            });
            w.flush();
        };
        return download(body, "text/csv; charset=utf-8", "fxhome-inbox.csv");
    }

    private void each(UUID account, Sink sink) throws IOException {
        try (Connection c = shards.dataSource(account).getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(ALL)) {
                ps.setFetchSize(1_000);
                ps.setObject(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp read = rs.getTimestamp(5);
                        sink.accept(new ExportedTab(rs.getTimestamp(1).toInstant().toString(), rs.getString(2), rs
                                .getString(3), rs.getString(4), read == null ? null : read.toInstant().toString()));
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot export the inbox of account " + account + ": " + e.getMessage(), e);
        }
    }

    private static Response download(StreamingOutput body, String type, String name) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "private, no-store").build();
    }
}
