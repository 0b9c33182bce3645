package io.fxhome.web.basic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.quarkus.qute.TemplateExtension;

/** A value as a query parameter in an HTML4 link ({@code {url:param(item.url)}}): percent-encoded, then escaped by Qute. */
@TemplateExtension(namespace = "url")
public final class UrlText {
    private UrlText() {
    }

    static String param(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
