package io.fxhome.web.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** A real browser under WebDriver, whatever its engine ({@link Engine}): its driver, screenshots, and quitting it. */
public interface WebBrowser extends AutoCloseable {
    Dimension PHONE = new Dimension(390, 844);
    Dimension TABLET = new Dimension(820, 1180);

    WebDriver driver();

    /** What this engine's screenshots are prefixed with, so that two engines' shots of one page do not overwrite. */
    default String screenshotPrefix() {
        return "";
    }

    /** Saves a screenshot of the viewport at phone and tablet size under target/screenshots/. */
    default void screenshots(String name) throws IOException {
        WebDriver driver = driver();
        Dimension before = driver.manage().window().getSize();
        for (var size : Map.of("phone", PHONE, "tablet", TABLET).entrySet()) {
            driver.manage().window().setSize(size.getValue());
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Path file = Path.of("target", "screenshots", screenshotPrefix() + name + "-" + size.getKey() + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
        driver.manage().window().setSize(before);
    }

    @Override
    void close() throws IOException;
}
