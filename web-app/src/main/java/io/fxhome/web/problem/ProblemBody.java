package io.fxhome.web.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON of a problem: type, title, status, detail and fxhome's own {@code code}, plus extension members. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemBody(String type, String title, int status, String detail, String code, Long retryAfterSeconds,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem type URIs are relative references under the app; docs/web-app.md lists them. */
    public static final String TYPE_PREFIX = "/problems/";

    public static ProblemBody of(Problem p) {
        return new ProblemBody(TYPE_PREFIX + p.code(), p.title(), p.status(), p.detail(), p.code(),
                p.retryAfter() == null ? null : Math.max(1, p.retryAfter().toSeconds()), p.extensions());
    }

    public static ProblemBody of(int status, String code, String title, String detail) {
        return new ProblemBody(TYPE_PREFIX + code, title, status, detail, code, null, Map.of());
    }

    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }
}
