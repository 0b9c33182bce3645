package io.fxhome.web.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON lists with a strong ETag over the exact bytes: a client that sends the ETag back as {@code If-None-Match}
 * gets {@code 304 Not Modified} and no body when nothing changed. Responses are private to the user and must be
 * revalidated ({@code Cache-Control: private, no-cache}), so a phone never shows stale data as fresh.
 */
@ApplicationScoped
public class ConditionalJson {
    private final ObjectMapper mapper;

    public ConditionalJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A JSON body with its ETag, ready to be answered (and kept, by callers that cache it). */
    public record Serialized(byte[] bytes, String etag) {
    }

    public Serialized serialize(Object body) {
        try {
            byte[] bytes = mapper.writeValueAsBytes(body);
            return new Serialized(bytes, etag(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    public Response ok(Object body, String ifNoneMatch) {
        return ok(serialize(body), ifNoneMatch);
    }

    public Response ok(Serialized body, String ifNoneMatch) {
        byte[] bytes = body.bytes();
        String etag = body.etag();
        if (matches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                    .header(HttpHeaders.VARY, "Cookie").build();
        }
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache").header(HttpHeaders.VARY, "Cookie").build();
    }

    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** If-None-Match may list several tags, or {@code *}; weak comparison as RFC 9110 asks for this header. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
