package io.fxhome.web.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A private X display for WebKitGTK, whose MiniBrowser has no headless mode in Debian's 2.50 (GTK 3 build): one Xvfb
 * per test JVM, started on first use on a display number Xvfb picks itself ({@code -displayfd}, so it never collides
 * with another run's display), stopped when the JVM exits. Nothing listens on TCP.
 */
public final class XvfbDisplay {
    public static final String XVFB = "/usr/bin/Xvfb";
    private static String display;

    private XvfbDisplay() {
    }

    /** The display's name (":N"), starting Xvfb the first time. */
    public static synchronized String get() throws IOException {
        if (display == null) {
            display = start();
        }
        return display;
    }

    private static String start() throws IOException {
        if (!new File(XVFB).canExecute()) {
            throw new IllegalStateException("Xvfb is not installed: apt-get install -y xvfb (./fxhome test does it)");
        }
        Process xvfb = new ProcessBuilder(List.of(XVFB, "-displayfd", "1", "-screen", "0", "1280x1280x24", "-nolisten", "tcp"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Runtime.getRuntime().addShutdownHook(new Thread(xvfb::destroy));
        // Xvfb writes the display number to the given descriptor once it accepts clients.
        String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (number == null || !number.trim().matches("\\d+")) {
            xvfb.destroy();
            throw new IllegalStateException("Xvfb did not start (exit " + (xvfb.isAlive() ? "none" : xvfb.exitValue()) + ")");
        }
        return ":" + number.trim();
    }
}
