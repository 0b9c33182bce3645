package io.fxhome.web.basic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.quarkus.qute.TemplateExtension;

/**
 * Synced values put into the HTML4 pages' URLs, percent-encoded (then escaped by Qute): {@code {url:part(id)}} as one
 * path segment or query value, {@code {url:param(item.url)}} as a form-encoded query parameter.
 */
@TemplateExtension(namespace = "url")
public final class UrlText {
    private UrlText() {
    }

    static String part(Object value) {
        return value == null ? "" : URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String param(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
