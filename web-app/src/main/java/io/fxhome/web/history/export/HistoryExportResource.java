package io.fxhome.web.history.export;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import io.fxhome.web.session.CurrentUser;

/**
 * The whole history (every visit fxhome holds, oldest first) as CSV and as JSON, streamed as it is read: the answer
 * starts at once and memory stays flat whatever the size. Downloads, never cached.
 */
@Path("/api/v1/export")
@Tag(name = "export")
public class HistoryExportResource {
    static final String CSV_HEADER = "visitedAt,url,title,transition\r\n";

    private final ShardRouter shards;
    private final CurrentUser current;
    private final ObjectMapper mapper;

    public HistoryExportResource(ShardRouter shards, CurrentUser current, ObjectMapper mapper) {
        this.shards = shards;
        this.current = current;
        this.mapper = mapper;
    }

    @GET
    @Path("/history.csv")
    @Produces("text/csv")
    @Operation(summary = "Every visit, oldest first, as RFC 4180 CSV (UTF-8, CRLF): visitedAt,url,title,transition."
            + " Text that a spreadsheet would run as a formula starts with an apostrophe")
    public Response csv() {
        UUID account = current.require().accountId();
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            w.write(CSV_HEADER);
            VisitExportReader.each(shards, account, v -> {
                w.write(v.visitedAt());
                w.write(',');
                w.write(CsvCells.text(v.url()));
                w.write(',');
                w.write(CsvCells.text(v.title()));
                w.write(',');
                w.write(v.transition());
                w.write("\r\n");
            });
            w.flush();
        };
        return download(body, "text/csv; charset=utf-8", "fxhome-history.csv");
    }

    @GET
    @Path("/history.json")
    @Produces("application/json")
    @Operation(summary = "Every visit, oldest first, as JSON: {\"visits\": [{\"visitedAt\", \"url\", \"title\", \"transition\", \"linkable\"}]}")
    public Response json() {
        UUID account = current.require().accountId();
        StreamingOutput body = out -> {
            try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeArrayFieldStart("visits");
                VisitExportReader.each(shards, account, v -> {
                    g.writeStartObject();
                    g.writeStringField("visitedAt", v.visitedAt());
                    g.writeStringField("url", v.url());
                    g.writeStringField("title", v.title());
                    g.writeStringField("transition", v.transition());
                    g.writeBooleanField("linkable", v.linkable());
                    g.writeEndObject();
                });
                g.writeEndArray();
                g.writeEndObject();
            }
        };
        return download(body, "application/json; charset=utf-8", "fxhome-history.json");
    }

    private static Response download(StreamingOutput body, String type, String name) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "private, no-store").build();
    }
}
