package io.fxhome.web.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

    public Response ok(Object body, String ifNoneMatch) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        String etag = etag(bytes);
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
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16)) + "\"";
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
