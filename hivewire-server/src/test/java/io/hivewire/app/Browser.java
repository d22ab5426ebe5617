package io.hivewire.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through Selenium: Debian's chromium and chromedriver, named explicitly
 * so that Selenium Manager never downloads anything; one per test class.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Dimension DESKTOP = new Dimension(1280, 800);
  static final Dimension PHONE = new Dimension(390, 844);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final String testClass;

  private Browser(ChromeDriver driver, Path profile, String testClass) {
    this.driver = driver;
    this.profile = profile;
    this.testClass = testClass;
  }

  /**
   * A browser for {@code testClass}; the test is skipped, saying why, when there is no Chromium.
   */
  static Browser start(Class<?> testClass) {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "no Chromium: the browser tests need "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver; .ci/run installs them)");
    Path profile;
    try {
      profile = Files.createTempDirectory("hivewire-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,800",
        "--user-data-dir=" + profile);
    // Console messages, CSP violations among them, for browserLog().
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    Browser browser = new Browser(driver, profile, testClass.getSimpleName());
    browser.viewport(DESKTOP);
    return browser;
  }

  /** Sizes the window so that the page itself (the screenshot) is {@code size}. */
  private void viewport(Dimension size) {
    driver.manage().window().setSize(size);
    List<?> inner =
        (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
    int width = size.getWidth() + size.getWidth() - ((Number) inner.get(0)).intValue();
    int height = size.getHeight() + size.getHeight() - ((Number) inner.get(1)).intValue();
    driver.manage().window().setSize(new Dimension(width, height));
  }

  WebDriver driver() {
    return driver;
  }

  /**
   * Waits up to 20 seconds for {@code condition} to hold (non-null, non-false); an element that a
   * refreshed fragment replaced while it was read counts as not yet.
   */
  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /**
   * The console messages since the last call, e.g. "Refused to load ... Content Security Policy".
   */
  List<String> browserLog() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .map(entry -> entry.getLevel() + " " + entry.getMessage())
        .toList();
  }

  /** Saves the page as {@code target/screenshots/<test class>-<name>.png}. */
  Path screenshot(String name) {
    Path file = SCREENSHOTS.resolve(testClass + "-" + name + ".png");
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the screenshot " + file, e);
    }
    return file;
  }

  /** What {@code check} finds on the page as a phone shows it (390 px wide); then desktop again. */
  <T> T atPhoneWidth(Supplier<T> check) {
    viewport(PHONE);
    try {
      return check.get();
    } finally {
      viewport(DESKTOP);
    }
  }

  /** Saves the page as a phone shows it (390 px wide), then returns to the desktop size. */
  Path phoneScreenshot(String name) {
    return atPhoneWidth(() -> screenshot(name + "-390px"));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // The profile is in the temporary directory; a leftover is harmless.
      }
    }
  }
}
