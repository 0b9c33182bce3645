package io.fxhome.web.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Validates a page against the W3C's HTML 4.01 Strict DTD with OpenSP's onsgmls (Debian packages {@code opensp} and
 * {@code w3c-sgml-lib}, installed by {@code ./fxhome test}), the same SGML validation the W3C validator ran for HTML 4.
 */
public final class Html401Validator {
    private static final Path DTDS = Path.of("/usr/share/xml/w3c-sgml-lib/schema/dtd/REC-html401-19991224");

    private Html401Validator() {
    }

    /** The validator's error lines; empty when the page is valid. */
    public static String errors(String html) throws IOException, InterruptedException {
        if (!Files.exists(Path.of("/usr/bin/onsgmls")) || !Files.exists(DTDS.resolve("strict.dtd"))) {
            throw new IllegalStateException("onsgmls or the HTML 4.01 DTDs are missing: apt-get install -y opensp w3c-sgml-lib "
                    + "(./fxhome test installs them)");
        }
        Path dir = Files.createTempDirectory("html401");
        Path catalog = dir.resolve("html4.cat");
        Files.writeString(catalog, String.join("\n", "OVERRIDE YES",
                "PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"" + DTDS.resolve("strict.dtd") + "\"",
                "PUBLIC \"-//W3C//ENTITIES Latin1//EN//HTML\" \"" + DTDS.resolve("HTMLlat1.ent") + "\"",
                "PUBLIC \"-//W3C//ENTITIES Special//EN//HTML\" \"" + DTDS.resolve("HTMLspecial.ent") + "\"",
                "PUBLIC \"-//W3C//ENTITIES Symbols//EN//HTML\" \"" + DTDS.resolve("HTMLsymbol.ent") + "\"", ""));
        Path page = dir.resolve("page.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("onsgmls", "-s", "-c", catalog.toString(), page.toString())
                .redirectErrorStream(true);
        pb.environment().put("SP_CHARSET_FIXED", "YES");
        pb.environment().put("SP_ENCODING", "utf-8");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.trim();
    }
}
