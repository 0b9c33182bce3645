package io.fxhome.web.i18n;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTML5 app's messages: the same files as the HTML4 pages', as one JSON object of key to message, written into the
 * app's shell ({@code <meta name="fxhome-messages" content="...">}, escaped as any attribute; not a script element,
 * so the shell keeps no inline script), so the app has its words before it draws anything, offline too (the service
 * worker keeps the shell), without a request of its own.
 */
@Singleton
public class AppMessages {
    private final ObjectMapper json;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public AppMessages(ObjectMapper json) {
        this.json = json;
    }

    public String json(Locale locale) {
        return cache.computeIfAbsent(locale.getLanguage(), tag -> {
            try {
                return json.writeValueAsString(Catalog.messages(locale));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
