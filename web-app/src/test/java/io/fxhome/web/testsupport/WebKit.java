package io.fxhome.web.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.net.PortProber;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Debian's WebKitGTK (the engine of Safari and of every web view on iPhone and iPad) through Debian's WebKitWebDriver,
 * which drives WebKitGTK's MiniBrowser; both by explicit path (Selenium has no WebKitGTK driver class in Java, so this
 * is a {@link RemoteWebDriver} against a WebKitWebDriver process of its own). MiniBrowser has no headless mode in this
 * build (GTK 3, 2.50), so it runs on a private Xvfb display ({@link XvfbDisplay}). In automation mode each session
 * gets an ephemeral profile: nothing (cookies, caches, service workers) outlives it.
 */
public final class WebKit implements WebBrowser {
    public static final String DRIVER = "/usr/bin/WebKitWebDriver";
    /** Where Debian's libwebkit2gtk-4.1-0 puts MiniBrowser: under the architecture's library directory. */
    public static final String MINIBROWSER = "/usr/lib/" + multiarch() + "/webkit2gtk-4.1/MiniBrowser";

    /** How MiniBrowser starts: in dark mode (GTK's dark theme, which WebKitGTK reports as prefers-color-scheme: dark). */
    public record Options(boolean dark) {
        public static final Options DEFAULT = new Options(false);
    }

    public final RemoteWebDriver driver;
    private final Process process;

    private WebKit(RemoteWebDriver driver, Process process) {
        this.driver = driver;
        this.process = process;
    }

    public static WebKit start(Options options) throws IOException {
        if (!new File(DRIVER).canExecute() || !new File(MINIBROWSER).canExecute()) {
            throw new IllegalStateException(
                    "WebKitGTK is not installed: apt-get install -y webkit2gtk-driver xvfb (./fxhome test does it)");
        }
        int port = PortProber.findFreePort();
        Path log = Path.of("target", "webkit-driver.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(DRIVER, "--port=" + port, "--host=local").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("DISPLAY", XvfbDisplay.get());
        // No accessibility bus on a test machine; without this GTK waits for one at every start.
        pb.environment().put("NO_AT_BRIDGE", "1");
        Process process = pb.start();
        try {
            URL url = URI.create("http://127.0.0.1:" + port).toURL();
            awaitReady(url);
            List<String> args = new ArrayList<>(List.of("--automation"));
            if (options.dark()) {
                args.add("--dark-mode");
            }
            MutableCapabilities capabilities = new MutableCapabilities(Map.of("browserName", "MiniBrowser",
                    "webkitgtk:browserOptions", Map.of("binary", MINIBROWSER, "args", args)));
            RemoteWebDriver driver = new RemoteWebDriver(url, capabilities);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().window().setSize(PHONE);
            return new WebKit(driver, process);
        } catch (RuntimeException e) {
            process.destroy();
            throw e;
        }
    }

    private static String multiarch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            default -> arch + "-linux-gnu";
        };
    }

    private static void awaitReady(URL url) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("WebKitWebDriver ready at " + url).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(url.toURI().resolve("/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains("\"ready\":true"));
    }

    @Override
    public RemoteWebDriver driver() {
        return driver;
    }

    @Override
    public String screenshotPrefix() {
        return "webkit-";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            process.destroy();
        }
    }
}
