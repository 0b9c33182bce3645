package io.fxhome.web.i18n;

import java.util.Locale;
import java.util.Map;

import io.fxhome.web.problem.Problem;

/**
 * A problem's title and detail in the request's language, for the pages that show them: {@code problem_<code>} and
 * {@code problem_<code>_detail} when the messages have them (the HTML5 app looks them up the same way), else the
 * English of the problem itself, whose detail may carry specifics (Mozilla's errno, a parser's complaint) that a fixed
 * message cannot. The JSON API's problem details stay English: they are for programs as much as for people.
 */
public final class ProblemText {
    private ProblemText() {
    }

    public static String title(Problem p) {
        String message = Catalog.coded(locale(), "problem_", p.code());
        return message == null ? p.title() : message;
    }

    public static String detail(Problem p) {
        String message = Catalog.coded(locale(), "problem_", p.code() + "_detail");
        if (message == null) {
            return p.detail();
        }
        long seconds = p.retryAfter() == null ? 0 : Math.max(1, p.retryAfter().toSeconds());
        return Catalog.format(message, Map.of("seconds", seconds));
    }

    private static Locale locale() {
        return RequestLanguage.current().locale();
    }
}
