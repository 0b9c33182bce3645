package io.fxhome.web.basic;

import java.net.URI;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.fxhome.web.i18n.ProblemText;
import io.fxhome.web.i18n.RequestLanguage;
import io.fxhome.web.problem.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * What every HTML4 page shares: how a rendered page is answered, and how an error becomes a page. The pages
 * themselves are {@link BasicSignInResource}, {@link BasicDataResource} and {@link BasicAccountResource}; the layout
 * around them is {@code templates/basic-layout.html}.
 */
final class BasicPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(String title, String detail);
    }

    private BasicPages() {
    }

    /** The page, never cached by a shared cache, with any cookies it sets, in the request's language. */
    static Response page(TemplateInstance page, NewCookie... cookies) {
        return Response.ok(page.render(), "text/html; charset=utf-8").header("Cache-Control", "private, no-cache")
                .header("Content-Language", RequestLanguage.current().tag()).header("Vary", "Accept-Language, Cookie")
                .cookie(cookies).build();
    }

    /** Errors of the signed-in pages are pages too; signed-out visitors are sent to the sign-in form. */
    static Response problem(Problem p) {
        if (p.status() == 401) {
            return Response.seeOther(URI.create("/basic/")).build();
        }
        return Response.status(p.status()).type("text/html; charset=utf-8")
                .entity(Templates.error(ProblemText.title(p), ProblemText.detail(p)).render()).build();
    }
}
