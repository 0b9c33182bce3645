package io.fxhome.web.basic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.quarkus.qute.TemplateExtension;

/** Synced ids put into the HTML4 pages' URLs: one path segment or query value each, percent-encoded. */
@TemplateExtension(namespace = "url")
public final class UrlText {
    private UrlText() {
    }

    static String part(Object value) {
        return value == null ? "" : URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
