package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.S3ObjectStores;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** {@code /api/docs} in a real Chromium: Swagger UI from the jar, under the dashboard's CSP. */
class ApiDocsIT {

  private static final String KEY = "docs-admin-key";

  @TempDir static Path dataDir;

  static HivewireApp app;
  static Browser browser;

  @BeforeAll
  static void start() {
    Map<String, String> env = ServerEnvironment.of(dataDir, KEY, "unused", "unused");
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    app = HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
    browser = Browser.start(ApiDocsIT.class);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private static WebDriver driver() {
    return browser.driver();
  }

  @Test
  void signedInUserOpensTheDocsFromTheNavigationAndSeesEveryOperationWithoutACspViolation() {
    driver().get(app.baseUrl() + "/connections");
    assertThat(driver().getCurrentUrl()).contains("/sign-in?next=");
    driver().findElement(By.id("key")).sendKeys(KEY);
    driver().findElement(By.cssSelector("form button[type=submit]")).click();
    browser.until(d -> !d.getCurrentUrl().contains("/sign-in"));
    browser.browserLog();

    WebElement entry = driver().findElement(By.linkText("API docs"));
    assertThat(entry.getAttribute("href")).endsWith("/api/docs");
    entry.click();
    List<WebElement> operations =
        browser.until(
            d -> {
              List<WebElement> found = d.findElements(By.cssSelector(".opblock .opblock-summary"));
              return found.size() >= 37 ? found : null;
            });
    browser.screenshot("api-docs");

    assertThat(driver().findElement(By.cssSelector("a[aria-current=page]")).getText())
        .isEqualTo("API docs");
    assertThat(driver().findElement(By.cssSelector(".swagger-ui .info .title")).getText())
        .contains("hivewire HTTP API");
    assertThat(operations)
        .extracting(WebElement::getText)
        .anyMatch(text -> text.contains("POST") && text.contains("/api/v1/connections"))
        .anyMatch(text -> text.contains("POST") && text.contains("/v2.0/events"));
    assertThat(driver().findElements(By.cssSelector(".swagger-ui .btn.authorize"))).isNotEmpty();

    operations.get(0).click();
    browser.until(d -> d.findElements(By.cssSelector(".opblock.is-open .responses-wrapper")));
    browser.screenshot("api-docs-operation");
    browser.phoneScreenshot("api-docs");

    assertThat(browser.browserLog())
        .as("the browser console")
        .noneMatch(line -> line.contains("Content Security Policy"))
        .noneMatch(line -> line.contains("Refused"));
  }

  @Test
  void signedOutBrowserIsSentToSignInAndBack() {
    driver().manage().deleteAllCookies();
    driver().get(app.baseUrl() + "/api/docs");

    assertThat(driver().getCurrentUrl()).contains("/sign-in?next=%2Fapi%2Fdocs");
  }

  @Test
  void otherPagesKeepTheStrictPolicyAndTheDocsNeedASessionNotAKey() {
    HttpClient http = HttpClient.newHttpClient();
    var signIn =
        ApiClient.exchange(http, HttpRequest.newBuilder(app.baseUrl().resolve("/sign-in")).build());
    var docs =
        ApiClient.exchange(
            http, HttpRequest.newBuilder(app.baseUrl().resolve("/api/docs")).build());

    assertThat(signIn.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self';")
        .doesNotContain("data:");
    assertThat(docs.statusCode()).as("signed out: to sign-in, not the key check").isEqualTo(303);
  }
}
