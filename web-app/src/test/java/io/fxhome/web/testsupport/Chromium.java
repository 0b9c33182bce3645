package io.fxhome.web.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both by explicit path, so that Selenium never looks
 * for (or downloads) a browser or a driver of its own. Each instance gets a fresh profile directory.
 */
public final class Chromium implements WebBrowser {
    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    public final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Chromium start(boolean javascript) throws IOException {
        if (!new File(BINARY).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException(
                    "Chromium is not installed: apt-get install -y chromium chromium-driver (./fxhome test does it)");
        }
        System.setProperty("webdriver.chrome.driver", DRIVER);
        Path profile = Files.createTempDirectory("fxhome-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--user-data-dir=" + profile, "--window-size=390,844",
                "--lang=en-US");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile);
    }

    @Override
    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
