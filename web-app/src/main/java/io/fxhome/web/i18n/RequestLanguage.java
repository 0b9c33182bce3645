package io.fxhome.web.i18n;

import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.arc.Arc;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/** The language of the current request ({@link Languages#choose}), and the messages in it for Java code. */
@RequestScoped
public class RequestLanguage {
    private final CurrentVertxRequest vertx;
    private Locale locale;

    public RequestLanguage(CurrentVertxRequest vertx) {
        this.vertx = vertx;
    }

    public Locale locale() {
        if (locale == null) {
            HttpServerRequest request = vertx.getCurrent() == null ? null : vertx.getCurrent().request();
            if (request == null) {
                locale = Languages.DEFAULT;
            } else {
                Cookie cookie = request.getCookie(Languages.COOKIE);
                locale = Languages.choose(cookie == null ? null : cookie.getValue(), request.getHeader("Accept-Language"));
            }
        }
        return locale;
    }

    public String tag() {
        return locale().toLanguageTag();
    }

    /** The message bundle in this request's language. */
    public Msg msg() {
        return messages(locale());
    }

    /** Where the page being rendered is (path and query), for the language switch to come back to. */
    public String here() {
        HttpServerRequest request = vertx.getCurrent() == null ? null : vertx.getCurrent().request();
        return request == null ? "/" : request.uri();
    }

    /**
     * The current request's language, for static code that renders pages (the shared error page of the HTML4
     * resources' exception mappers); the default language outside a request.
     */
    public static RequestLanguage current() {
        return Arc.container().requestContext().isActive() ? Arc.container().instance(RequestLanguage.class).get()
                : new RequestLanguage(new CurrentVertxRequest());
    }

    public static Msg messages(Locale locale) {
        return MessageBundles.get(Msg.class, Localized.Literal.of(locale.toLanguageTag()));
    }
}
