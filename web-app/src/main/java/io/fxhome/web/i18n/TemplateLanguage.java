package io.fxhome.web.i18n;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkus.arc.Arc;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;

/**
 * Every template rendered for a request is rendered in the request's language: {@code {msg:...}} picks the localized
 * messages by the instance's locale, and the date and number extensions read it. {@code here} is the page's own
 * address, where the language switch comes back to. Added to Qute's engine as it is built (Quarkus does not look for
 * {@link TemplateInstance.Initializer} beans).
 */
@Singleton
public class TemplateLanguage {
    private final Instance<RequestLanguage> language;

    public TemplateLanguage(Instance<RequestLanguage> language) {
        this.language = language;
    }

    void addTo(@Observes EngineBuilder engine) {
        engine.addTemplateInstanceInitializer(this::initialize);
    }

    void initialize(TemplateInstance instance) {
        if (Arc.container().requestContext().isActive()) {
            RequestLanguage current = language.get();
            instance.setLocale(current.locale());
            instance.data("here", current.here());
        } else {
            instance.setLocale(Languages.DEFAULT);
            instance.data("here", "/");
        }
    }
}
