package io.fxhome.web.testsupport;

import java.io.IOException;

/**
 * The browser engines the HTML5 app is tested in: Chromium (Android, desktop) and WebKit (Safari, and every web view on
 * iPhone and iPad, the iOS wrapper's included), each from Debian's packages. Tests parameterized over this run once
 * per engine.
 */
public enum Engine {
    CHROMIUM,
    WEBKIT;

    /** A fresh browser of this engine with JavaScript on and the light colour scheme. */
    public WebBrowser start() throws IOException {
        return switch (this) {
            case CHROMIUM -> Chromium.start(true);
            case WEBKIT -> WebKit.start(WebKit.Options.DEFAULT);
        };
    }
}
