package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.routing.FaultInjectingProxy;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ObjectStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless Chromium against a real server (embedded PostgreSQL, S3Proxy
 * with SigV4 and sample tables): the source document's journey from the Catalog to a resync, and
 * the refusals and escaping around it.
 */
class DashboardIT {

  private static final String KEY = "dashboard-admin-key";
  private static final String BUCKET = "lake";
  private static final String ROUTED = "routed";
  private static final String XSS_TABLE = "\"><script>";
  private static final String XSS_NAME = "<img src=x onerror=alert(1)>";

  @TempDir static Path dataDir;

  static LocalS3Fixture s3;
  static HivewireApp app;
  static ApiClient api;
  static Browser browser;

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start(BUCKET, ROUTED);
    put("sales/events/date=2025-01-01/part-0.csv", "user_id,action\n1,view\n2,click\n");
    put("sales/events/date=2025-01-02/part-0.csv", "user_id,action\n3,view\n");
    put("sales/" + XSS_TABLE + "/part-0.csv", "id\n1\n");
    put(
        "sales/segments/date=2025-01-01/part-0.csv",
        "user_id,segment\nu1,sports\nu2,news\nu3,sports\n");
    Map<String, String> env =
        ServerEnvironment.of(dataDir, KEY, s3.localS3().accessKey(), s3.localS3().secretKey());
    env.put("HIVEWIRE_AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/hivewire-reader");
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    app = HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
    api = new ApiClient(app.baseUrl(), Optional.of(KEY));
    browser = Browser.start(DashboardIT.class);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void signedOut() {
    if (browser != null && driver().getCurrentUrl().startsWith("http")) {
      driver().manage().deleteAllCookies();
    }
  }

  private static void put(String key, String text) {
    s3.putObject(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static WebDriver driver() {
    return browser.driver();
  }

  private static String url(String path) {
    return app.baseUrl() + path;
  }

  /** Opens {@code path} signed out, signs in on the page it leads to (saved as {@code shot}). */
  private static void signIn(String path, String shot) {
    driver().get(url(path));
    assertThat(driver().getCurrentUrl()).contains("/sign-in?next=");
    browser.screenshot(shot + "-sign-in");
    driver().findElement(By.id("key")).sendKeys(KEY);
    driver().findElement(By.cssSelector("form button[type=submit]")).click();
    browser.until(d -> !d.getCurrentUrl().contains("/sign-in"));
  }

  private static WebElement byId(String id) {
    return driver().findElement(By.id(id));
  }

  private static void assertNoAlert() {
    try {
      driver().switchTo().alert();
      throw new AssertionError("a script ran: the page shows an alert");
    } catch (NoAlertPresentException expected) {
      // No script from a name or a table ran.
    }
  }

  @Test
  void theDocumentsJourneyFromCatalogToImportAndRouting() throws Exception {
    driver().get(url("/catalog"));
    browser.until(d -> d.getCurrentUrl().contains("/sign-in"));
    assertThat(driver().getCurrentUrl()).endsWith("/sign-in?next=%2Fcatalog");
    browser.screenshot("01-sign-in");

    byId("key").sendKeys(KEY);
    driver().findElement(By.cssSelector("form button[type=submit]")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/catalog"));
    assertThat(driver().findElement(By.cssSelector("nav.side")).getText())
        .contains("Catalog", "Connections", "Imports", "Routing", "API keys");
    browser.screenshot("02-catalog");

    driver().findElement(By.linkText("Set up Amazon S3")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/connections/new"));
    assertThat(byId("policy-panel").getText()).contains("Type the bucket name");
    byId("name").sendKeys("CRM exports");
    new Select(byId("region")).selectByValue("us-east-1");
    byId("bucket").sendKeys(BUCKET);
    WebElement policy = browser.until(d -> d.findElement(By.id("policy-json")));
    assertThat(policy.getText()).contains("arn:aws:s3:::lake", "s3:ListBucket", "s3:GetObject");
    assertThat(byId("policy-panel").getText()).contains("Permissions");
    assertThat(driver().findElement(By.cssSelector("button[data-copy]")).getText())
        .isEqualTo("Copy policy");
    byId("schemaPrefix").sendKeys("sales/");
    driver().findElement(By.cssSelector("input[name=dataFormat][value=CSV]")).click();
    driver().findElement(By.cssSelector("input[name=partitioning][value=ALL]")).click();
    assertThat(byId("partitioning-warning").getText())
        .contains("non-partitioned tables will be ignored")
        .contains("partition prefixes will be ignored and treated as regular directories");
    byId("endpoint").sendKeys(s3.localS3().endpoint().toString());
    browser.screenshot("03-new-connection");

    driver().findElement(By.cssSelector("form button.primary")).click();
    browser.until(d -> d.getCurrentUrl().matches(".*/connections/[0-9a-f-]{36}$"));
    // A mark on the page's window survives only if the page is never reloaded.
    ((JavascriptExecutor) driver()).executeScript("window.hivewireMark = 'same page';");
    String landedOn = byId("connection-status").getText();
    browser.until(d -> byId("connection-status").getText().startsWith("Active"));
    assertThat(((JavascriptExecutor) driver()).executeScript("return window.hivewireMark;"))
        .as("the status changed without a reload")
        .isEqualTo("same page");
    assertThat(
            driver().findElements(By.cssSelector("ol.history li")).stream()
                .map(item -> item.getText().replaceAll(".*: ", ""))
                .toList())
        .as("the status history, landed on %s", landedOn)
        .containsSubsequence("Processing", "Active");
    assertThat(driver().findElement(By.tagName("main")).getText())
        .as("the connection's settings")
        .contains("CRM exports", "lake", "us-east-1", "sales/", "CSV");
    browser.screenshot("04-connection-active");

    assertThat(byId("tables-heading").isDisplayed()).isTrue();
    WebElement events = driver().findElement(By.cssSelector("details.table summary"));
    assertThat(events.getText()).contains("events", "2 files", "partitioned by date");
    events.click();
    assertThat(driver().findElement(By.cssSelector("details.table table")).getText())
        .contains("user_id", "action", "date", "yes (partition)");
    WebElement skipped = byId("skipped-tables");
    assertThat(skipped.getText()).contains(XSS_TABLE, "not partitioned");
    assertNoAlert();
    browser.screenshot("05-connection-tables");

    driver().findElement(By.linkText("Preview events")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/tables/events"));
    String preview = byId("preview").getText();
    assertThat(preview).contains("user_id", "action", "date", "click", "2025-01-02");
    browser.screenshot("06-preview");

    driver().navigate().back();
    browser.until(d -> d.findElement(By.id("connection-status")).getText().startsWith("Active"));
    driver().findElement(By.xpath("//button[text()='Resync']")).click();
    browser.until(
        d -> d.findElement(By.id("resync-status")).getText().startsWith("Resync completed"));
    assertThat(byId("resync-changes").getText()).contains("No changes");
    browser.screenshot("07-resync");

    driver().get(url("/connections"));
    assertThat(byId("connection-rows").getText()).contains("CRM exports", "Amazon S3", "Active");
    browser.screenshot("08-connections");
    browser.phoneScreenshot("08-connections");

    createAndRunAnImportThroughTheWizard();
    routeEventsThroughTheDashboard();
  }

  /**
   * Imports → Create Import through each step of the wizard → Run now → the progress bar reaches
   * Succeeded, with the rows PostgreSQL holds.
   */
  private void createAndRunAnImportThroughTheWizard() throws SQLException {
    driver().findElement(By.cssSelector("nav.side")).findElement(By.linkText("Imports")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/imports"));
    browser.screenshot("09-imports");

    driver().findElement(By.linkText("Create Import")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/imports/new"));
    assertThat(byId("source-S3").isSelected()).isTrue();
    browser.screenshot("10-wizard-source");
    continueTo("connectionId");
    new Select(byId("connectionId")).selectByVisibleText("CRM exports");
    browser.screenshot("11-wizard-connection");
    continueTo("table");
    assertThat(new Select(byId("schemaPrefix")).getFirstSelectedOption().getText())
        .isEqualTo("s3://lake/sales/");
    assertThat(optionsOf("table")).contains("events", "segments").doesNotContain(XSS_TABLE);
    new Select(byId("table")).selectByValue("events");
    browser.screenshot("12-wizard-table");
    continueTo("dataType-USER_ACTIVITY");
    byId("dataType-USER_ACTIVITY").click();
    browser.screenshot("13-wizard-data-type");
    continueTo("mapping-timestamp");

    assertThat(optionsOf("mapping-timestamp")).containsExactly("", "date");
    assertThat(new Select(byId("mapping-user_id")).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("user_id");
    new Select(byId("mapping-timestamp")).selectByValue("date");
    assertThat(driver().findElements(By.cssSelector("input[name=columns]:checked"))).hasSize(3);
    byId("partitionFilter").sendKeys("date >= '2025-01-02'");
    browser.until(d -> byId("partitionFilter-check").getText().contains("The filter is valid"));
    assertThat(byId("scheduleKind-MANUAL").isSelected()).isTrue();
    assertThat(byId("mode-INCREMENTAL").isSelected()).isTrue();
    assertThat(byId("onError-FAIL").isSelected()).isTrue();
    byId("name").clear();
    byId("name").sendKeys("Recent events");
    browser.screenshot("14-wizard-settings");
    browser.phoneScreenshot("14-wizard-settings");

    driver().findElement(By.xpath("//button[text()='Create import']")).click();
    browser.until(d -> d.getCurrentUrl().matches(".*/imports/[0-9a-f-]{36}$"));
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Recent events");
    browser.screenshot("15-import-created");

    driver().findElement(By.xpath("//button[text()='Run now']")).click();
    browser.until(
        d -> d.findElement(By.cssSelector("#runs .run-status")).getText().equals("Succeeded"));
    assertThat(driver().findElement(By.cssSelector("#runs progress")).getAttribute("value"))
        .isEqualTo("1");
    String target = driver().findElement(By.cssSelector(".settings code")).getText();
    long rows = rowsIn(target);
    assertThat(rows).as("the partition filter keeps 2025-01-02 alone").isEqualTo(1);
    assertThat(byId("runs").getText()).contains(rows + " loaded, 0 rejected");
    browser.screenshot("16-import-succeeded");
  }

  /** Presses the wizard's Continue and waits for the control of the step it reveals. */
  private static void continueTo(String nextControl) {
    driver().findElement(By.xpath("//button[text()='Continue']")).click();
    browser.until(d -> !d.findElements(By.id(nextControl)).isEmpty());
  }

  private static List<String> optionsOf(String selectId) {
    return new Select(byId(selectId))
        .getOptions().stream().map(o -> o.getAttribute("value")).toList();
  }

  private static long rowsIn(String table) throws SQLException {
    try (java.sql.Connection c =
            DriverManager.getConnection(
                app.database().jdbcUrl(), app.database().user(), app.database().password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void aFormWithFieldErrorsKeepsWhatWasTypedAndNamesEachField() {
    signIn("/connections/new", "field-errors");
    byId("name").sendKeys("Typed name");
    byId("bucket").sendKeys("Bad_Bucket");
    browser.until(d -> d.findElement(By.id("policy-problem")));
    byId("schemaPrefix").sendKeys("/leading/slash/");
    driver().findElement(By.cssSelector("form button.primary")).click();

    browser.until(d -> d.findElement(By.id("bucket-error")));
    ApiClient.Response refused =
        api.post(
            "/api/v1/connections",
            """
            {"name":"Typed name","region":"us-east-1","bucket":"Bad_Bucket",
             "schemaPrefix":"/leading/slash/","dataFormat":"PARQUET","partitioning":"ALL"}""");
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    String apiMessage = refused.json().path("error").path("message").asText();
    assertThat(byId("bucket-error").getText()).contains("bucket");
    assertThat(byId("schemaPrefix-error").getText()).isNotBlank();
    assertThat(apiMessage)
        .as("the API's words for the same fields")
        .contains(byId("bucket-error").getText(), byId("schemaPrefix-error").getText());
    assertThat(driver().findElements(By.id("name-error"))).isEmpty();
    assertThat(byId("name").getAttribute("value")).isEqualTo("Typed name");
    assertThat(byId("bucket").getAttribute("value")).isEqualTo("Bad_Bucket");
    assertThat(byId("bucket").getAttribute("aria-invalid")).isEqualTo("true");
    browser.screenshot("field-errors");
  }

  @Test
  void aConnectionToAMissingBucketShowsFailedWithItsReason() {
    JsonNode created =
        api.post(
                "/api/v1/connections",
                """
                {"name":"Missing bucket","region":"us-east-1","bucket":"no-such-bucket",
                 "schemaPrefix":"sales/","dataFormat":"CSV","partitioning":"ALL","endpoint":"%s"}"""
                    .formatted(s3.localS3().endpoint()))
            .json();
    String id = created.path("id").asText();
    signIn("/connections/" + id, "failed");

    browser.until(d -> byId("connection-status").getText().startsWith("Failed"));
    JsonNode checked = Polling.checkedConnection(api, id);
    assertThat(byId("connection-status").getText())
        .contains(checked.path("statusMessage").asText(checked.path("status").asText()));
    assertThat(driver().findElements(By.xpath("//button[text()='Activate']"))).hasSize(1);
    browser.screenshot("failed");
  }

  @Test
  void namesFromUsersAndBucketsRenderAsText() {
    api.post(
        "/api/v1/connections",
        """
        {"name":"%s","region":"us-east-1","bucket":"lake","schemaPrefix":"sales/",
         "dataFormat":"CSV","partitioning":"ALL","endpoint":"%s"}"""
            .formatted(XSS_NAME, s3.localS3().endpoint()));
    signIn("/connections", "escaped");
    browser.screenshot("escaped-list");

    WebElement link = driver().findElement(By.linkText(XSS_NAME));
    assertThat(link.getText()).isEqualTo(XSS_NAME);
    assertThat(driver().findElements(By.cssSelector("main img"))).isEmpty();
    link.click();
    browser.until(d -> byId("connection-status").getText().startsWith("Active"));
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo(XSS_NAME);
    assertThat(byId("skipped-tables").getText()).contains(XSS_TABLE);
    assertThat(driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
    assertNoAlert();
    browser.screenshot("escaped-names");
  }

  @Test
  void aFormPostedWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
    signIn("/connections/new", "csrf");
    browser.screenshot("csrf-form");
    String session = driver().manage().getCookieNamed("hivewire_session").getValue();
    String form =
        "name=forged&region=us-east-1&bucket=lake&schemaPrefix=sales%2F&dataFormat=CSV"
            + "&partitioning=ALL";
    int before = api.get("/api/v1/connections").json().size();

    HttpClient http = HttpClient.newHttpClient();
    for (String body :
        List.of(form, form + "&csrf=" + URLEncoder.encode("guessed", StandardCharsets.UTF_8))) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url("/connections")))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Cookie", "hivewire_session=" + session)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(body).isEqualTo(403);
      assertThat(response.body()).contains("security token");
    }
    assertThat(api.get("/api/v1/connections").json().size()).isEqualTo(before);
  }

  @Test
  void pagesForbidInlineScriptAndLoadTheirOwnFromTheJar() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url("/sign-in"))).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'", "script-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(page.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly", "SameSite=Strict");
    assertThat(page.body())
        .contains("<script src=\"/static/app.js\" defer></script>")
        .doesNotContainPattern("<script(?![^>]*src=)");
  }

  @Test
  void aSignedOutBrowserIsSentToSignInAndBackToWhereItWas() {
    signIn("/api-keys", "signed-out");
    assertThat(driver().getCurrentUrl()).endsWith("/api-keys");
    browser.screenshot("api-keys");
    driver().findElement(By.xpath("//button[text()='Sign out']")).click();
    browser.until(d -> d.getCurrentUrl().contains("/sign-in"));

    driver().get(url("/connections"));
    browser.until(d -> d.getCurrentUrl().contains("/sign-in?next=%2Fconnections"));
    browser.screenshot("signed-out-sent-to-sign-in");
    byId("key").sendKeys("not-the-key");
    driver().findElement(By.cssSelector("form button[type=submit]")).click();
    assertThat(byId("key-error").getText()).contains("not valid");
    browser.screenshot("signed-out-wrong-key");
    byId("key").sendKeys(KEY);
    driver().findElement(By.cssSelector("form button[type=submit]")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/connections"));
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Connections");
    browser.screenshot("signed-out-back");
  }

  @Test
  void aFormSentAfterTheSessionEndedLeadsBackToItsPageOnceSignedInAndDoesNothing() {
    signIn("/api-keys", "ended");
    byId("key-name").sendKeys("late tracker");
    driver().manage().deleteCookieNamed("hivewire_session");
    driver().findElement(By.xpath("//button[text()='Issue key']")).click();

    browser.until(d -> d.getCurrentUrl().contains("/sign-in?next=%2Fapi-keys"));
    browser.screenshot("ended-sign-in");
    byId("key").sendKeys(KEY);
    driver().findElement(By.cssSelector("form button[type=submit]")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/api-keys"));
    assertThat(driver().findElement(By.tagName("main")).getText()).doesNotContain("late tracker");
  }

  /** Creates a streaming destination on the local S3 through the API; returns its id. */
  private static String destinationOnLocalS3(String name, String prefix, String flushInterval) {
    ApiClient.Response created =
        api.post(
            "/api/v1/routing",
            """
            {"name":"%s","mode":"STREAMING","bucket":"%s","region":"us-east-1",
             "prefix":"%s","endpoint":"%s","accessKeyId":"%s","secretAccessKey":"%s",
             "flushInterval":"%s"}"""
                .formatted(
                    name,
                    ROUTED,
                    prefix,
                    s3.localS3().endpoint(),
                    s3.localS3().accessKey(),
                    s3.localS3().secretKey(),
                    flushInterval));
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    return created.json().path("id").asText();
  }

  @Test
  void aLivePageWhoseSessionEndedLeadsToSignInAndBackToIt() {
    String destination = destinationOnLocalS3("Live stream", "live", "PT1S");
    signIn("/routing/destinations/" + destination, "live-ended");
    browser.until(d -> d.findElement(By.id("routing-live")));

    driver().manage().deleteCookieNamed("hivewire_session");

    browser.until(
        d ->
            d.getCurrentUrl().contains("/sign-in?next=%2Frouting%2Fdestinations%2F" + destination));
    browser.screenshot("live-ended-sign-in");
    byId("key").sendKeys(KEY);
    driver().findElement(By.cssSelector("form button[type=submit]")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/routing/destinations/" + destination));
    assertThat(driver().findElement(By.tagName("main")).getText()).contains("Live stream");
  }

  /** Creates a manual import of the sample {@code segments} table through the API; its id. */
  private static String segmentsImport(String name, String connection) {
    ApiClient.Response created =
        api.post(
            "/api/v1/imports",
            """
            {"name":"%s","connectionId":"%s","table":"segments","dataType":"USER_SEGMENTS",
             "mapping":{"user_id":"user_id","segment":"segment"}}"""
                .formatted(name, connection));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  /** Creates a CSV connection to the sample schema through the API, checked. */
  private static String sampleConnection(String name) {
    return sampleConnection(name, s3.localS3().endpoint());
  }

  /** As {@link #sampleConnection(String)}, reaching the bucket through {@code endpoint}. */
  private static String sampleConnection(String name, URI endpoint) {
    JsonNode created =
        api.post(
                "/api/v1/connections",
                """
                {"name":"%s","region":"us-east-1","bucket":"lake","schemaPrefix":"sales/",
                 "dataFormat":"CSV","partitioning":"ALL","endpoint":"%s"}"""
                    .formatted(name, endpoint))
            .json();
    return Polling.checkedConnection(api, created.path("id").asText()).path("id").asText();
  }

  @Test
  void anImportRunsFromItsPageWithProgressUntilSucceeded() {
    segmentsImport("Segments", sampleConnection("Segments source"));
    signIn("/imports", "imports");

    WebElement row = driver().findElement(By.linkText("Segments"));
    assertThat(driver().findElement(By.cssSelector("table.list")).getText())
        .contains("Segments source", "segments", "User segments", "Manual", "Never run");
    browser.screenshot("imports");
    row.click();
    browser.until(d -> d.findElement(By.id("runs-heading")));
    browser.screenshot("import");
    driver().findElement(By.xpath("//button[text()='Run now']")).click();
    browser.until(
        d -> d.findElement(By.cssSelector("#runs .run-status")).getText().equals("Succeeded"));
    assertThat(byId("runs").getText()).contains("1 / 1", "3 loaded, 0 rejected");
    assertThat(driver().findElement(By.cssSelector("#runs td[data-label=Read]")).getText())
        .as("the bytes read")
        .matches("\\d+(\\.\\d+)? (B|KiB|MiB|GiB)");
    assertThat(driver().findElement(By.cssSelector("#runs progress")).getAttribute("value"))
        .isEqualTo("1");
    browser.screenshot("import-succeeded");

    driver().get(url("/imports"));
    assertThat(driver().findElement(By.cssSelector("table.list")).getText()).contains("Succeeded");
    browser.screenshot("imports-after-run");
  }

  @Test
  void everyPageLabelsItsControlsIsWalkedByTabAndFitsAPhonesWidth() {
    String connection = sampleConnection("Keyboard source");
    String imported = segmentsImport("Keyboard segments", connection);
    String destination = destinationOnLocalS3("Keyboard stream", "keyboard", "PT5M");
    signIn("/catalog", "keyboard");
    List<String> pages =
        List.of(
            "/catalog",
            "/connections",
            "/connections/new",
            "/connections/" + connection,
            "/connections/" + connection + "/tables/segments",
            "/imports",
            "/imports/new",
            wizardFor(connection, "EVENTS"),
            "/imports/" + imported,
            "/routing",
            "/routing/new",
            "/routing/destinations/" + destination,
            "/routing/segments",
            "/api-keys");

    for (String page : pages) {
      driver().get(url(page));
      browser.until(d -> d.findElement(By.tagName("main")));
      assertThat(PageChecks.unnamed(driver())).as("controls without a name on %s", page).isEmpty();
      assertThat(PageChecks.statusesWithoutWords(driver()))
          .as("statuses shown by colour alone on %s", page)
          .isEmpty();
      assertThat(PageChecks.notReachedByTab(driver()))
          .as("elements Tab never reaches on %s", page)
          .isEmpty();
      assertThat(browser.atPhoneWidth(() -> PageChecks.widerThanTheWindow(driver())))
          .as("what sticks out of a 390 px window on %s", page)
          .isEmpty();
    }
    driver().get(url("/sign-out"));
    driver().manage().deleteAllCookies();
    driver().get(url("/sign-in"));
    assertThat(PageChecks.unnamed(driver())).as("the sign-in page").isEmpty();
    assertThat(PageChecks.notReachedByTab(driver())).as("the sign-in page").isEmpty();
    assertThat(browser.atPhoneWidth(() -> PageChecks.widerThanTheWindow(driver())))
        .as("the sign-in page at 390 px")
        .isEmpty();
  }

  @Test
  void anImportsProgressShowsWhileItRunsAndMovesWithoutAReload() throws Exception {
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(s3.localS3().endpoint(), 0, 1)) {
      String connection = sampleConnection("Held source", proxy.endpoint());
      String id = segmentsImport("Held segments", connection);
      signIn("/imports/" + id, "held-import");
      // The bucket answers nothing until released: the run stays RUNNING meanwhile.
      proxy.forceAll(FaultInjectingProxy.Fault.STALL);
      driver().findElement(By.xpath("//button[text()='Run now']")).click();

      browser.until(
          d -> d.findElement(By.cssSelector("#runs .run-status")).getText().equals("Running"));
      ((JavascriptExecutor) driver()).executeScript("window.hivewireMark = 'same page';");
      assertThat(driver().findElement(By.cssSelector("#runs progress")).getAttribute("value"))
          .isEqualTo("0");
      browser.screenshot("import-running");
      proxy.forceAll(FaultInjectingProxy.Fault.NONE);

      browser.until(
          d -> d.findElement(By.cssSelector("#runs .run-status")).getText().equals("Succeeded"));
      assertThat(((JavascriptExecutor) driver()).executeScript("return window.hivewireMark;"))
          .as("the run's progress moved without a reload")
          .isEqualTo("same page");
      assertThat(byId("runs").getText()).contains("1 / 1", "3 loaded, 0 rejected");
      assertThat(driver().findElement(By.cssSelector("#runs progress")).getAttribute("value"))
          .isEqualTo("1");
      browser.screenshot("import-run-done");
      assertThat(api.delete("/api/v1/imports/" + id).status()).isEqualTo(204);
      assertThat(api.delete("/api/v1/connections/" + connection).status()).isEqualTo(204);
    }
  }

  @Test
  void theRoutingPageShowsEachDestinationAndPausesAndResumesIt() {
    destinationOnLocalS3("Lake stream", "hivewire", "PT1S");
    signIn("/routing", "routing");

    String page = driver().findElement(By.tagName("main")).getText();
    assertThat(page).contains("Lake stream", "s3://routed/hivewire/", "Active", "PT1S");
    assertThat(page).doesNotContain(s3.localS3().secretKey());
    browser.screenshot("routing");
    driver().findElement(By.xpath("//button[text()='Pause']")).click();
    browser.until(d -> d.findElement(By.tagName("main")).getText().contains("Paused"));
    browser.screenshot("routing-paused");
    driver().findElement(By.xpath("//button[text()='Resume']")).click();
    browser.until(d -> !d.findElements(By.xpath("//button[text()='Pause']")).isEmpty());
  }

  @Test
  void aConnectionIsDeactivatedActivatedAndDeletedAfterConfirmingWithItsImportsNamed() {
    String id = sampleConnection("Short-lived");
    ApiClient.Response imported =
        api.post(
            "/api/v1/imports",
            """
            {"name":"Goes with it","connectionId":"%s","table":"segments",
             "dataType":"USER_SEGMENTS","mapping":{"user_id":"user_id","segment":"segment"}}"""
                .formatted(id));
    assertThat(imported.status()).as(imported.body()).isEqualTo(201);
    signIn("/connections/" + id, "delete");

    driver().findElement(By.xpath("//button[text()='Deactivate']")).click();
    browser.until(d -> byId("connection-status").getText().startsWith("Inactive"));
    browser.screenshot("deactivated");
    driver().findElement(By.xpath("//button[text()='Activate']")).click();
    browser.until(d -> byId("connection-status").getText().startsWith("Active"));

    driver().findElement(By.linkText("Delete…")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/delete"));
    assertThat(byId("delete-imports").getText()).isEqualTo("Goes with it");
    browser.screenshot("delete-confirm");
    driver().findElement(By.xpath("//button[text()='Delete connection']")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/connections"));
    assertThat(api.get("/api/v1/connections/" + id).status()).isEqualTo(404);
    assertThat(driver().findElements(By.linkText("Short-lived"))).isEmpty();
    browser.screenshot("deleted");
  }

  @Test
  void anIssuedKeyIsShownOnceAndARevokedOneStopsWorking() {
    signIn("/api-keys", "keys");
    byId("key-name").sendKeys("web tracker");
    new Select(byId("key-scope")).selectByValue("ingest");
    driver().findElement(By.xpath("//button[text()='Issue key']")).click();

    String key = browser.until(d -> d.findElement(By.id("issued-key"))).getText();
    assertThat(key).startsWith("hw_");
    assertThat(driver().findElement(By.cssSelector("button[data-copy=issued-key]")).getText())
        .isEqualTo("Copy key");
    browser.screenshot("key-issued");
    ApiClient.Response withIngestKey = api.withKey(key).get("/api/v1/connections");
    assertThat(withIngestKey.status()).isEqualTo(401);
    assertThat(withIngestKey.body()).contains("may only send data");

    driver().get(url("/api-keys"));
    assertThat(driver().findElements(By.id("issued-key"))).isEmpty();
    assertThat(driver().getPageSource()).doesNotContain(key);
    assertThat(
            driver()
                .findElement(
                    By.xpath(
                        "//tr[td[@data-label='Name' and text()='web tracker']]"
                            + "/td[@data-label='Last used']"))
                .getText())
        .as("the key was just sent, so it is not 'never' used")
        .isNotBlank()
        .isNotEqualTo("never");
    driver().findElement(By.cssSelector("button[aria-label='Revoke web tracker']")).click();
    browser.until(d -> !d.findElement(By.tagName("main")).getText().contains("web tracker"));
    browser.screenshot("key-revoked");
    assertThat(api.withKey(key).get("/api/v1/connections").body()).contains("not valid");
  }

  @Test
  void theConnectionsListUpdatesItselfWhileAConnectionIsProcessing() throws Exception {
    // An endpoint that accepts and never answers holds the check in PROCESSING until it closes.
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // The test closed the endpoint.
                }
              });
      ApiClient.Response created =
          api.post(
              "/api/v1/connections",
              """
              {"name":"Silent endpoint","region":"us-east-1","bucket":"lake",
               "schemaPrefix":"sales/","dataFormat":"CSV","partitioning":"ALL",
               "endpoint":"http://127.0.0.1:%d"}"""
                  .formatted(silent.getLocalPort()));
      assertThat(created.status()).as(created.body()).isEqualTo(202);
      signIn("/connections", "live-list");

      browser.until(d -> rowOf("Silent endpoint").contains("Processing"));
      assertThat(driver().findElements(By.cssSelector("[data-poll='/connections/rows']")))
          .hasSize(1);
      ((JavascriptExecutor) driver()).executeScript("window.hivewireMark = 'same page';");
      browser.screenshot("live-list-processing");
    }
    for (Socket socket : accepted) {
      socket.close();
    }

    browser.until(d -> rowOf("Silent endpoint").contains("Failed"));
    assertThat(((JavascriptExecutor) driver()).executeScript("return window.hivewireMark;"))
        .as("the list changed without a reload")
        .isEqualTo("same page");
    assertThat(byId("connection-rows").getAttribute("data-poll")).isNull();
    browser.screenshot("live-list-failed");
  }

  private static String rowOf(String name) {
    return driver().findElement(By.xpath("//tr[td/a[text()='" + name + "']]")).getText();
  }

  /** The wizard opened at its settings for the sample table events of {@code connection}. */
  private static String wizardFor(String connection, String dataType) {
    return "/imports/new?source=S3&connectionId="
        + connection
        + "&table=events&dataType="
        + dataType;
  }

  @Test
  void createImportWithoutAnActiveConnectionShowsAHintLeadingToConnections() {
    List<String> active = new ArrayList<>();
    api.get("/api/v1/connections")
        .json()
        .forEach(
            c -> {
              if (c.path("status").asText().equals("ACTIVE")) {
                active.add(c.path("id").asText());
              }
            });
    active.forEach(id -> api.patch("/api/v1/connections/" + id, "{\"status\":\"INACTIVE\"}"));
    try {
      signIn("/imports/new", "wizard-no-active");
      browser.screenshot("wizard-no-active-source");
      continueTo("no-active-connection");

      assertThat(byId("no-active-connection").getText())
          .contains("No connection is Active", "Open Connections");
      assertThat(byId("connections-link").getAttribute("href")).endsWith("/connections");
      assertThat(driver().switchTo().activeElement().getAttribute("id"))
          .isEqualTo("connections-link");
      assertThat(driver().findElements(By.id("connectionId"))).isEmpty();
      assertThat(driver().findElements(By.xpath("//button[text()='Continue']"))).isEmpty();
      browser.screenshot("wizard-no-active");
    } finally {
      for (String id : active) {
        api.patch("/api/v1/connections/" + id, "{\"status\":\"ACTIVE\"}");
        Polling.checkedConnection(api, id);
      }
    }
  }

  @Test
  void theWizardsMappingOffersOnlyTheColumnsWhoseTypesFitEachEntry() {
    String connection = sampleConnection("Wizard mapping");
    signIn(wizardFor(connection, "USER_ACTIVITY"), "wizard-mapping");

    assertThat(optionsOf("mapping-user_id")).containsExactly("", "user_id", "action");
    assertThat(optionsOf("mapping-timestamp")).containsExactly("", "date");
    assertThat(byId("mapping-timestamp-help").getText()).contains("DATE or TIMESTAMP");
    browser.screenshot("wizard-mapping");

    byId("dataType-GROUP").click();
    driver().findElement(By.xpath("//button[text()='Create import']")).click();
    browser.until(d -> !d.findElements(By.id("mapping-is_deleted")).isEmpty());
    assertThat(driver().getCurrentUrl()).as("nothing created yet").endsWith("/imports/new");
    assertThat(optionsOf("mapping-cursor")).containsExactly("", "date");
    assertThat(optionsOf("mapping-is_deleted")).as("no BOOLEAN column").containsExactly("");
    assertThat(optionsOf("mapping-group_id")).containsExactly("", "user_id", "action");
    browser.screenshot("wizard-mapping-group");
  }

  @Test
  void anInvalidPartitionFilterShowsTheApisErrorWithItsPositionWhileTyping() {
    String connection = sampleConnection("Wizard filter");
    signIn(wizardFor(connection, "USER_ACTIVITY"), "wizard-filter");
    ((JavascriptExecutor) driver()).executeScript("window.hivewireMark = 'same page';");

    byId("partitionFilter").sendKeys("date >=");
    browser.until(d -> byId("partitionFilter-check").getText().contains("at position 8"));
    WebElement error = byId("partitionFilter-error");
    assertThat(words(error.getAttribute("textContent")))
        .isEqualTo(words(apiFilterError(connection, "date >=")));
    browser.screenshot("wizard-filter-syntax");

    byId("partitionFilter").sendKeys(" 'someday'");
    browser.until(d -> byId("partitionFilter-check").getText().contains("date >= 'someday'\n"));
    String typed = byId("partitionFilter-error").getAttribute("textContent");
    assertThat(typed).contains("position 9");
    assertThat(words(apiFilterError(connection, "date >= 'someday'"))).contains(words(typed));
    browser.screenshot("wizard-filter-type");

    byId("partitionFilter").clear();
    byId("partitionFilter").sendKeys("date = '2025-01-01'");
    browser.until(d -> byId("partitionFilter-check").getText().contains("The filter is valid"));
    assertThat(((JavascriptExecutor) driver()).executeScript("return window.hivewireMark;"))
        .as("checked without a reload")
        .isEqualTo("same page");
    assertThat(byId("partitionFilter").getAttribute("aria-describedby"))
        .contains("partitionFilter-check");
    browser.screenshot("wizard-filter-valid");
  }

  private static String apiFilterError(String connection, String filter) {
    ApiClient.Response refused =
        api.post(
            "/api/v1/imports",
            """
            {"name":"Filtered","connectionId":"%s","table":"events","dataType":"USER_ACTIVITY",
             "mapping":{"user_id":"user_id","timestamp":"date"},"partitionFilter":"%s"}"""
                .formatted(connection, filter));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    return refused.json().path("error").path("message").asText();
  }

  private static String words(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  @Test
  void aWizardSubmittedWithErrorsKeepsTheChoicesAndShowsEachErrorBesideItsField() {
    String connection = sampleConnection("Wizard errors");
    int before = api.get("/api/v1/imports").json().size();
    signIn(wizardFor(connection, "USER_ACTIVITY"), "wizard-errors");
    new Select(byId("mapping-timestamp")).selectByValue("date");
    driver().findElement(By.cssSelector("input[name=columns][value=action]")).click();
    byId("partitionFilter").sendKeys("date = '2025-01-01'");
    byId("scheduleKind-INTERVAL").click();
    byId("schedule").sendKeys("PT1M");
    byId("mode-FULL_REFRESH").click();
    byId("onError-REJECT").click();
    byId("name").clear();
    driver().findElement(By.xpath("//button[text()='Create import']")).click();

    browser.until(d -> !d.findElements(By.id("name-error")).isEmpty());
    assertThat(byId("schedule-error").getText()).contains("too short", "PT5M");
    assertThat(byId("name-error").getText()).contains("name is required");
    assertThat(byId("schedule").getAttribute("aria-describedby")).contains("schedule-error");
    assertThat(byId("name").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(driver().switchTo().activeElement().getAttribute("id"))
        .as("the first error has the focus")
        .isEqualTo("schedule");
    assertThat(new Select(byId("connectionId")).getFirstSelectedOption().getText())
        .isEqualTo("Wizard errors");
    assertThat(new Select(byId("table")).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("events");
    assertThat(byId("dataType-USER_ACTIVITY").isSelected()).isTrue();
    assertThat(new Select(byId("mapping-timestamp")).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("date");
    assertThat(
            driver().findElement(By.cssSelector("input[name=columns][value=action]")).isSelected())
        .isFalse();
    assertThat(byId("partitionFilter").getAttribute("value")).isEqualTo("date = '2025-01-01'");
    assertThat(byId("scheduleKind-INTERVAL").isSelected()).isTrue();
    assertThat(byId("schedule").getAttribute("value")).isEqualTo("PT1M");
    assertThat(byId("mode-FULL_REFRESH").isSelected()).isTrue();
    assertThat(byId("onError-REJECT").isSelected()).isTrue();
    assertThat(api.get("/api/v1/imports").json().size()).isEqualTo(before);
    browser.screenshot("wizard-errors");
  }

  /**
   * The routing part of the journey, in a signed-in browser: Catalog, the S3 Streaming form on the
   * in-process S3, the probe passing, then events sent through the collection API reaching the
   * bucket while the destination's page shows the files and its chart grow without a reload.
   */
  private static void routeEventsThroughTheDashboard() throws Exception {
    driver().get(url("/catalog"));
    driver().findElement(By.linkText("Set up S3 Streaming")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/routing/new"));
    fillDestinationForm("Dashboard stream", s3.localS3().endpoint().toString());
    byId("prefix").sendKeys("dashboard-stream");
    browser.screenshot("routing-01-new-destination");
    driver().findElement(By.cssSelector("form button.primary")).click();

    browser.until(d -> d.getCurrentUrl().matches(".*/routing/destinations/[0-9a-f-]{36}$"));
    String id = driver().getCurrentUrl().replaceFirst(".*/", "");
    ((JavascriptExecutor) driver()).executeScript("window.hivewireMark = 'same page';");
    browser.until(d -> byId("probe-result").getText().startsWith("Passed"));
    assertThat(byId("destination-status").getText()).startsWith("Active");
    assertThat(driver().findElement(By.tagName("main")).getText())
        .contains("s3://routed/dashboard-stream/", "PT1S");
    assertThat(driver().getPageSource()).doesNotContain(s3.localS3().secretKey());
    browser.screenshot("routing-02-destination-active");
    long barsBefore = recordsInChart();

    String ingestKey =
        api.post("/api/v1/api-keys", "{\"name\":\"dashboard tracker\",\"scope\":\"ingest\"}")
            .json()
            .path("key")
            .asText();
    String event = "{\"name\":\"DashboardRouted\",\"user_id\":\"" + UUID.randomUUID() + "\"}";
    ApiClient.Response sent =
        api.withKey(ingestKey)
            .post("/v2.0/events", "[" + String.join(",", Collections.nCopies(5, event)) + "]");
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);

    browser.until(d -> recordsInChart() >= barsBefore + 5);
    browser.until(d -> !byId("files-per-type").getText().contains("events: 0"));
    assertThat(byId("last-file").getText()).startsWith("dashboard-stream/type=");
    assertThat(byId("chart-summary").getText()).matches("\\d+ records? written in the last hour.*");
    assertThat(driver().findElements(By.cssSelector("#routing-chart svg[role=img] title")))
        .isNotEmpty();
    assertThat(s3.store().listRecursively(ROUTED, "dashboard-stream/type=events/")).isNotEmpty();
    assertThat(((JavascriptExecutor) driver()).executeScript("return window.hivewireMark;"))
        .as("the figures and the chart changed without a reload")
        .isEqualTo("same page");
    JsonNode history = api.get("/api/v1/routing/" + id + "/history").json();
    assertThat(history.path("recordsWritten").asLong()).isGreaterThanOrEqualTo(5);
    browser.screenshot("routing-03-destination-routing");
    browser.phoneScreenshot("routing-03-destination-routing");
    ((JavascriptExecutor) driver())
        .executeScript("document.getElementById('chart-heading').scrollIntoView();");
    browser.screenshot("routing-03-destination-chart");

    driver().get(url("/routing"));
    driver().findElement(By.linkText("Dashboard stream")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/routing/destinations/" + id));
    browser.screenshot("routing-04-list-to-destination");
  }

  /** Records drawn in the destination page's chart: the sum of its bars. */
  private static long recordsInChart() {
    return driver().findElements(By.cssSelector("#routing-chart rect.bar")).stream()
        .mapToLong(bar -> Long.parseLong(bar.getAttribute("data-records")))
        .sum();
  }

  /**
   * Fills the S3 Streaming form for the in-process S3's {@code routed} bucket at {@code endpoint}.
   */
  private static void fillDestinationForm(String name, String endpoint) {
    byId("name").sendKeys(name);
    byId("bucket").sendKeys(ROUTED);
    new Select(byId("region")).selectByValue("us-east-1");
    byId("accessKeyId").sendKeys(s3.localS3().accessKey());
    byId("secretAccessKey").sendKeys(s3.localS3().secretKey());
    new Select(byId("encryption")).selectByValue("NONE");
    byId("flushInterval").clear();
    byId("flushInterval").sendKeys("PT1S");
    byId("endpoint").sendKeys(endpoint);
  }

  @Test
  void theRoutingFormWithErrorsKeepsWhatWasTypedButNeverTheSecret() {
    int before = api.get("/api/v1/routing").json().size();
    signIn("/routing/new", "routing-errors");
    byId("name").sendKeys("Typed stream");
    byId("bucket").sendKeys("Bad_Bucket");
    byId("accessKeyId").sendKeys("AKIATYPEDKEY");
    byId("secretAccessKey").sendKeys("typed-secret-never-echoed");
    new Select(byId("encryption")).selectByValue("KMS");
    byId("flushInterval").clear();
    byId("flushInterval").sendKeys("5 minutes");
    driver().findElement(By.cssSelector("form button.primary")).click();

    browser.until(d -> d.findElement(By.id("bucket-error")));
    assertThat(byId("bucket-error").getText()).contains("bucket");
    assertThat(byId("kmsKeyId-error").getText())
        .contains("encryption.kmsKeyId is required for KMS");
    assertThat(byId("flushInterval-error").getText())
        .contains("'5 minutes' is not an ISO-8601 duration");
    assertThat(driver().findElements(By.id("name-error"))).isEmpty();
    assertThat(driver().findElements(By.id("accessKeyId-error"))).isEmpty();
    assertThat(byId("bucket").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(byId("bucket").getAttribute("aria-describedby")).contains("bucket-error");
    assertThat(byId("name").getAttribute("value")).isEqualTo("Typed stream");
    assertThat(byId("bucket").getAttribute("value")).isEqualTo("Bad_Bucket");
    assertThat(byId("accessKeyId").getAttribute("value")).isEqualTo("AKIATYPEDKEY");
    assertThat(byId("flushInterval").getAttribute("value")).isEqualTo("5 minutes");
    assertThat(new Select(byId("encryption")).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("KMS");
    assertThat(byId("secretAccessKey").getAttribute("value")).isEmpty();
    assertThat(driver().getPageSource()).doesNotContain("typed-secret-never-echoed");
    assertThat(byId("secretAccessKey-help").getText()).contains("Enter the secret again");
    assertThat(api.get("/api/v1/routing").json().size()).isEqualTo(before);
    browser.screenshot("routing-errors");
    browser.phoneScreenshot("routing-errors");
  }

  @Test
  void aProbeTheBucketDeniesNamesThePermissionToGrant() throws Exception {
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(s3.localS3().endpoint(), 0, 1)) {
      proxy.forceAll(FaultInjectingProxy.Fault.ACCESS_DENIED);
      signIn("/routing/new", "routing-denied");
      fillDestinationForm("Denied stream", proxy.endpoint().toString());
      driver().findElement(By.cssSelector("form button.primary")).click();

      browser.until(d -> byId("probe-result").getText().startsWith("Failed"));
      String id = driver().getCurrentUrl().replaceFirst(".*/", "");
      assertThat(byId("missing-permission").getText()).contains("s3:PutObject");
      assertThat(byId("probe-result").getText()).contains("grant s3:PutObject");
      assertThat(byId("destination-status").getText()).startsWith("Failed");
      assertThat(driver().findElements(By.xpath("//button[text()='Probe again']"))).hasSize(1);
      browser.screenshot("routing-denied");
      assertThat(api.delete("/api/v1/routing/" + id).status()).isEqualTo(204);
    }
  }

  @Test
  void aDestinationIsDeletedOnlyAfterConfirming() {
    String id = destinationOnLocalS3("Short-lived stream", "short-lived", "PT1S");
    signIn("/routing/destinations/" + id, "routing-delete");
    browser.until(d -> byId("destination-status").getText().startsWith("Active"));

    driver().findElement(By.linkText("Delete…")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/routing/destinations/" + id + "/delete"));
    assertThat(driver().findElement(By.tagName("h1")).getText())
        .isEqualTo("Delete Short-lived stream?");
    assertThat(api.get("/api/v1/routing/" + id).status())
        .as("asking deletes nothing")
        .isEqualTo(200);
    browser.screenshot("routing-delete-confirm");
    driver().findElement(By.xpath("//button[text()='Delete destination']")).click();

    browser.until(d -> d.getCurrentUrl().endsWith("/routing"));
    assertThat(api.get("/api/v1/routing/" + id).status()).isEqualTo(404);
    assertThat(driver().findElements(By.linkText("Short-lived stream"))).isEmpty();
    browser.screenshot("routing-deleted");
  }
}
