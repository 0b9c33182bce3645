package io.fxhome.web.html5;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.web.config.WebConfig;

/** Recognizes browsers too old or too weak for the HTML5 app (from fxhome.web.basic.legacy-user-agents). */
@ApplicationScoped
public class LegacyBrowsers {
    private final List<Pattern> patterns;

    public LegacyBrowsers(WebConfig config) {
        this.patterns = config.basic().legacyUserAgents().stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE))
                .toList();
    }

    public boolean isLegacy(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return false;
        }
        return patterns.stream().anyMatch(p -> p.matcher(userAgent).find());
    }
}
