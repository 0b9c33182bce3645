package io.fxhome.web.i18n;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateInstance;

/**
 * Every template rendered for a request is rendered in the request's language: {@code {msg:...}} picks the localized
 * messages by the instance's locale, and the date and number extensions read it. {@code here} is the page's own
 * address, where the language switch comes back to.
 */
@Singleton
public class TemplateLanguage implements TemplateInstance.Initializer {
    private final Instance<RequestLanguage> language;

    public TemplateLanguage(Instance<RequestLanguage> language) {
        this.language = language;
    }

    @Override
    public void accept(TemplateInstance instance) {
        if (Arc.container().requestContext().isActive()) {
            RequestLanguage current = language.get();
            instance.setLocale(current.locale());
            instance.data("here", current.here());
        } else {
            instance.setLocale(Languages.DEFAULT);
        }
    }
}
