package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.S3ObjectStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's edges in a real headless Chromium against a real server (embedded PostgreSQL):
 * error pages beside the API's JSON errors, sessions that end with their API key, the session
 * cookie behind a TLS proxy, and the Segments pages.
 */
class DashboardEdgesIT {

  private static final String KEY = "dashboard-edges-admin-key";
  private static final String XSS_NAME = "<img src=x onerror=alert(1)>";

  @TempDir static Path dataDir;
  @TempDir static Path proxiedDataDir;

  static HivewireApp app;
  static ApiClient api;
  static Browser browser;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app =
        HivewireApp.start(
            config(dataDir, Map.of()), S3ObjectStores::create, InstantSource.system());
    api = new ApiClient(app.baseUrl(), Optional.of(KEY));
    browser = Browser.start(DashboardEdgesIT.class);
  }

  private static HivewireConfig config(Path dir, Map<String, String> more) {
    Map<String, String> env = ServerEnvironment.of(dir, KEY, "unused", "unused-secret");
    env.putAll(more);
    return new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
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

  @BeforeEach
  void signedOut() {
    if (browser != null && driver().getCurrentUrl().startsWith("http")) {
      driver().manage().deleteAllCookies();
    }
  }

  private static WebDriver driver() {
    return browser.driver();
  }

  private static String url(String path) {
    return app.baseUrl() + path;
  }

  private static WebElement byId(String id) {
    return driver().findElement(By.id(id));
  }

  /** Opens {@code path} signed out and signs in with {@code key} on the page it leads to. */
  private static void signIn(String path, String key) {
    driver().get(url(path));
    browser.until(d -> d.getCurrentUrl().contains("/sign-in?next="));
    byId("key").sendKeys(key);
    driver().findElement(By.cssSelector("form button[type=submit]")).click();
    browser.until(d -> !d.getCurrentUrl().contains("/sign-in"));
  }

  /** A GET with the browser's session cookie, as the browser would send it. */
  private HttpResponse<String> getWithSession(String path) throws Exception {
    String session = driver().manage().getCookieNamed("hivewire_session").getValue();
    return http.send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Cookie", "hivewire_session=" + session)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String main() {
    return driver().findElement(By.tagName("main")).getText();
  }

  @Test
  void anIngestKeyDoesNotSignInAndNoCookieHoldsTheKeyThatDoes() {
    String ingest =
        api.post("/api/v1/api-keys", "{\"name\":\"web tracker\",\"scope\":\"ingest\"}")
            .json()
            .path("key")
            .asText();
    driver().get(url("/connections"));
    browser.until(d -> d.getCurrentUrl().contains("/sign-in?next="));

    byId("key").sendKeys(ingest);
    driver().findElement(By.cssSelector("form button[type=submit]")).click();

    assertThat(byId("key-error").getText())
        .contains("may only send data to the collection API", "admin scope");
    assertThat(driver().getCurrentUrl()).contains("/sign-in");
    browser.screenshot("ingest-key-refused");
    byId("key").clear();
    byId("key").sendKeys(KEY);
    driver().findElement(By.cssSelector("form button[type=submit]")).click();
    browser.until(d -> !d.getCurrentUrl().contains("/sign-in"));
    assertThat(driver().manage().getCookies())
        .as("the browser holds a session id, never the key it signed in with")
        .isNotEmpty()
        .noneMatch(cookie -> cookie.getValue().contains(KEY));
  }

  @Test
  void anUnknownPageAnswersTheDashboards404PageAndAnUnknownApiPathTheJsonError() throws Exception {
    signIn("/connections", KEY);

    driver().get(url("/routing/no/such/page"));
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
    assertThat(byId("error-message").getText()).contains("/routing/no/such/page");
    assertThat(byId("error-back").getAttribute("href")).endsWith("/routing");
    assertThat(driver().findElement(By.cssSelector("nav.side a[aria-current=page]")).getText())
        .isEqualTo("Routing");
    browser.screenshot("404-page");
    HttpResponse<String> page = getWithSession("/routing/no/such/page");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    HttpResponse<String> missingSegment = getWithSession("/routing/segments/" + UUID.randomUUID());
    assertThat(missingSegment.statusCode()).isEqualTo(404);
    assertThat(missingSegment.body()).contains("Page not found").doesNotContain("\"error\"");

    ApiClient.Response apiPath = api.get("/api/v1/no-such-thing");
    assertThat(apiPath.status()).isEqualTo(404);
    assertThat(apiPath.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(apiPath.json().path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    ApiClient.Response collectionPath = api.get("/v2.0/no-such-thing");
    assertThat(collectionPath.json().path("error").path("status").asInt()).isEqualTo(404);
    ApiClient.Response missingApiSegment = api.get("/api/v1/segments/" + UUID.randomUUID());
    assertThat(missingApiSegment.json().path("error").path("message").asText())
        .startsWith("no segment with id");
  }

  @Test
  void aPagesOwn404KeepsItsBodyInsteadOfTheGenericOne() throws Exception {
    signIn("/api-keys", KEY);
    String csrf = driver().findElement(By.name("csrf")).getAttribute("value");
    String session = driver().manage().getCookieNamed("hivewire_session").getValue();

    HttpResponse<String> revoked =
        http.send(
            HttpRequest.newBuilder(URI.create(url("/api-keys/not-a-key-id/revoke")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "hivewire_session=" + session)
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(revoked.statusCode()).isEqualTo(404);
    assertThat(revoked.body()).contains("<h1>API keys</h1>", "No such API key.");
    assertThat(revoked.body()).doesNotContain("Page not found", "\"error\"");
  }

  @Test
  void anExceptionOnAPageAnswersThe500PageWithoutAStackTrace() throws Exception {
    UUID unreadable = UUID.randomUUID();
    // A stored row the code cannot read (blank names are refused on the way in) fails the page.
    try (Connection db = database();
        PreparedStatement insert =
            db.prepareStatement(
                "INSERT INTO segments (id, code, name, description, tags, state, updated_at)"
                    + " VALUES (?, 990001, ' ', '', '{}', 'ACTIVE', now())")) {
      insert.setObject(1, unreadable);
      insert.executeUpdate();
    }
    try {
      signIn("/connections", KEY);
      driver().get(url("/routing/segments"));

      assertThat(driver().findElement(By.tagName("h1")).getText())
          .isEqualTo("Something went wrong on the server");
      assertThat(byId("error-message").getText())
          .startsWith("Internal error")
          .contains("request id");
      assertThat(main()).contains("Error 500", "Back to Routing");
      assertThat(driver().getPageSource())
          .doesNotContain("Exception", "at io.hivewire", "blank name");
      browser.screenshot("500-page");
      HttpResponse<String> page = getWithSession("/routing/segments");
      assertThat(page.statusCode()).isEqualTo(500);
      assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");

      ApiClient.Response apiCall = api.get("/api/v1/segments");
      assertThat(apiCall.status()).isEqualTo(500);
      assertThat(apiCall.json().path("error").path("code").asText()).isEqualTo("INTERNAL");
    } finally {
      try (Connection db = database();
          PreparedStatement delete = db.prepareStatement("DELETE FROM segments WHERE id = ?")) {
        delete.setObject(1, unreadable);
        delete.executeUpdate();
      }
    }
  }

  private static Connection database() throws SQLException {
    return DriverManager.getConnection(
        app.database().jdbcUrl(), app.database().user(), app.database().password());
  }

  @Test
  void aSessionWhoseKeyIsRevokedThroughTheApiIsSentToSignInSayingWhy() {
    JsonNode issued =
        api.post("/api/v1/api-keys", "{\"name\":\"on-call laptop\",\"scope\":\"admin\"}").json();
    signIn("/imports", issued.path("key").asText());
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Imports");

    assertThat(api.delete("/api/v1/api-keys/" + issued.path("id").asText()).status())
        .isEqualTo(204);
    driver().get(url("/connections"));

    browser.until(d -> d.getCurrentUrl().contains("/sign-in?next=%2Fconnections"));
    assertThat(byId("session-ended").getText()).contains("revoked");
    browser.screenshot("revoked-key-sign-in");
    driver().get(url("/connections"));
    browser.until(d -> d.getCurrentUrl().contains("/sign-in"));
    assertThat(driver().findElements(By.id("session-ended")))
        .as("the session is gone, not merely refused once")
        .isEmpty();
  }

  @Test
  void revokingTheSignedInKeyOnTheApiKeysPageEndsTheSession() {
    JsonNode issued =
        api.post("/api/v1/api-keys", "{\"name\":\"temporary admin\",\"scope\":\"admin\"}").json();
    signIn("/api-keys", issued.path("key").asText());

    driver().findElement(By.cssSelector("button[aria-label='Revoke temporary admin']")).click();

    browser.until(d -> d.getCurrentUrl().contains("/sign-in?next=%2Fapi-keys"));
    browser.screenshot("self-revoked-sign-in");
    assertThat(api.withKey(issued.path("key").asText()).get("/api/v1/connections").status())
        .isEqualTo(401);
  }

  @Test
  void theSessionCookieIsSecureWhenATrustedProxySaysHttpsAndOnlyThen() throws Exception {
    assertThat(sessionCookie(app, Optional.of("https"))).doesNotContainPattern("(?i);\\s*Secure");

    Map<String, String> sharedDatabase =
        Map.of(
            "HIVEWIRE_DB_URL", app.database().jdbcUrl(),
            "HIVEWIRE_DB_USER", app.database().user(),
            "HIVEWIRE_HTTP_TRUST_FORWARDED_HEADERS", "true");
    try (HivewireApp proxied =
        HivewireApp.start(
            config(proxiedDataDir, sharedDatabase),
            S3ObjectStores::create,
            InstantSource.system())) {
      assertThat(sessionCookie(proxied, Optional.of("https")))
          .containsPattern("(?i);\\s*Secure")
          .contains("HttpOnly", "SameSite=Strict");
      assertThat(sessionCookie(proxied, Optional.of("http")))
          .doesNotContainPattern("(?i);\\s*Secure");
      assertThat(sessionCookie(proxied, Optional.empty())).doesNotContainPattern("(?i);\\s*Secure");
    }
  }

  private String sessionCookie(HivewireApp server, Optional<String> forwardedProto)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sign-in"));
    forwardedProto.ifPresent(proto -> request.header("X-Forwarded-Proto", proto));
    HttpResponse<String> page = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return page.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("hivewire_session="))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void segmentsAreCreatedEditedAndDeletedWithTheApisFieldMessagesBesideTheirFields() {
    signIn("/routing", KEY);
    driver().findElement(By.linkText("Segments")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/routing/segments"));
    browser.screenshot("segments-empty");

    driver().findElement(By.linkText("New segment")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/routing/segments/new"));
    browser.screenshot("segment-new");
    byId("code").sendKeys("twelve");
    byId("description").sendKeys("Readers of the sports pages");
    byId("tags").sendKeys("sports, web");
    driver().findElement(By.xpath("//button[text()='Create segment']")).click();

    browser.until(d -> d.findElement(By.id("code-error")));
    JsonNode apiRefusal =
        api.post("/api/v1/segments", "{\"code\":\"twelve\",\"name\":\"\"}").json();
    String apiMessage = apiRefusal.path("error").path("message").asText();
    assertThat(apiMessage).contains(byId("code-error").getText(), byId("name-error").getText());
    assertThat(byId("code-error").getText()).startsWith("code must be an integer");
    assertThat(byId("name-error").getText()).isEqualTo("name is required: a non-empty string");
    assertThat(byId("code").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(byId("code").getAttribute("aria-describedby")).contains("code-error");
    assertThat(driver().findElements(By.id("tags-error"))).isEmpty();
    assertThat(byId("description").getAttribute("value")).isEqualTo("Readers of the sports pages");
    assertThat(byId("tags").getAttribute("value")).isEqualTo("sports, web");
    browser.screenshot("segment-field-errors");

    byId("code").clear();
    byId("code").sendKeys("12");
    byId("name").sendKeys("Sports readers");
    driver().findElement(By.xpath("//button[text()='Create segment']")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/routing/segments"));
    assertThat(byId("segments").getText())
        .contains("Sports readers", "12", "Active", "sports, web");
    JsonNode stored = segmentNamed("Sports readers");
    assertThat(stored.path("tags").toString()).isEqualTo("[\"sports\",\"web\"]");
    browser.screenshot("segments-created");
    browser.phoneScreenshot("segments-created");

    driver().findElement(By.linkText("Sports readers")).click();
    browser.until(
        d -> d.getCurrentUrl().endsWith("/routing/segments/" + stored.path("id").asText()));
    assertThat(byId("code").getAttribute("value")).isEqualTo("12");
    byId("name").clear();
    byId("name").sendKeys("Sports fans");
    new Select(byId("state")).selectByValue("INACTIVE");
    browser.screenshot("segment-edit");
    driver().findElement(By.xpath("//button[text()='Save segment']")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/routing/segments"));
    assertThat(byId("segments").getText()).contains("Sports fans", "Inactive");
    JsonNode edited = api.get("/api/v1/segments/" + stored.path("id").asText()).json();
    assertThat(edited.path("name").asText()).isEqualTo("Sports fans");
    assertThat(edited.path("state").asText()).isEqualTo("INACTIVE");

    driver().findElement(By.cssSelector("a[aria-label='Delete Sports fans']")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/delete"));
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Delete Sports fans?");
    browser.screenshot("segment-delete-confirm");
    driver().findElement(By.xpath("//button[text()='Delete segment']")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/routing/segments"));
    assertThat(byId("no-segments").isDisplayed()).isTrue();
    assertThat(api.get("/api/v1/segments/" + stored.path("id").asText()).status()).isEqualTo(404);
    browser.screenshot("segments-after-delete");
  }

  private static JsonNode segmentNamed(String name) {
    for (JsonNode segment : api.get("/api/v1/segments").json()) {
      if (segment.path("name").asText().equals(name)) {
        return segment;
      }
    }
    throw new AssertionError("no segment named " + name + " in GET /api/v1/segments");
  }

  @Test
  void aSegmentCodeTakenByAnotherSegmentIsRefusedBesideTheCode() {
    ApiClient.Response first = api.post("/api/v1/segments", "{\"code\":31,\"name\":\"Taken\"}");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    try {
      signIn("/routing/segments/new", KEY);
      byId("code").sendKeys("31");
      byId("name").sendKeys("Second");
      driver().findElement(By.xpath("//button[text()='Create segment']")).click();

      browser.until(d -> d.findElement(By.id("code-error")));
      assertThat(byId("code-error").getText()).startsWith("segment code 31 belongs to another");
      assertThat(byId("name").getAttribute("value")).isEqualTo("Second");
      browser.screenshot("segment-code-taken");
    } finally {
      api.delete("/api/v1/segments/" + first.json().path("id").asText());
    }
  }

  @Test
  void aSegmentNamedLikeMarkupRendersAsText() {
    ApiClient.Response created =
        api.post("/api/v1/segments", "{\"code\":77,\"name\":\"" + XSS_NAME + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    try {
      signIn("/routing/segments", KEY);

      WebElement link = driver().findElement(By.linkText(XSS_NAME));
      assertThat(link.getText()).isEqualTo(XSS_NAME);
      assertThat(driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
      assertNoAlert();
      browser.screenshot("segment-escaped-list");
      link.click();
      browser.until(d -> d.getCurrentUrl().contains("/routing/segments/"));
      assertThat(byId("name").getAttribute("value")).isEqualTo(XSS_NAME);
      assertThat(driver().findElement(By.tagName("h1")).getText()).contains(XSS_NAME);
      assertThat(driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
      assertNoAlert();
      browser.screenshot("segment-escaped-edit");
    } finally {
      api.delete("/api/v1/segments/" + created.json().path("id").asText());
    }
  }

  private static void assertNoAlert() {
    try {
      driver().switchTo().alert();
      throw new AssertionError("a script ran: the page shows an alert");
    } catch (NoAlertPresentException expected) {
      // No script from a name ran.
    }
  }
}
