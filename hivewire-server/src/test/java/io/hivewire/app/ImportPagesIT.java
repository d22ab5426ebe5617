package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.imports.ImportService;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ObjectStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * An import's pages in a real headless Chromium against a real server (embedded PostgreSQL, S3Proxy
 * with SigV4): pages of runs, the rejected rows, the schema-change banner with Accept, and Delete
 * after confirming.
 */
class ImportPagesIT {

  private static final String KEY = "import-pages-admin-key";
  private static final String BUCKET = "lake";
  private static final String HEADER = "user_id,segment,amount\n";

  @TempDir static Path dataDir;

  static LocalS3Fixture s3;
  static HivewireApp app;
  static ApiClient api;
  static Browser browser;
  static String connection;

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start(BUCKET);
    for (String table : List.of("segments", "bad", "growing", "shrinking", "brief")) {
      put("data/" + table + "/date=2025-01-01/part-0.csv", HEADER + "u1,s1,10\nu2,s2,20\n");
    }
    Map<String, String> env =
        ServerEnvironment.of(dataDir, KEY, s3.localS3().accessKey(), s3.localS3().secretKey());
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    app = HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
    api = new ApiClient(app.baseUrl(), Optional.of(KEY));
    connection = activeConnection();
    browser = Browser.start(ImportPagesIT.class);
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

  private static void put(String key, String text) {
    s3.putObject(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static WebDriver driver() {
    return browser.driver();
  }

  private static WebElement byId(String id) {
    return driver().findElement(By.id(id));
  }

  private static void signIn(String path, String shot) {
    DashboardSignIn.signIn(browser, app.baseUrl().toString(), KEY, path, shot);
  }

  private static String activeConnection() {
    ApiClient.Response created =
        api.post(
            "/api/v1/connections",
            """
            {"name":"Lake","region":"us-east-1","bucket":"%s","schemaPrefix":"data/",
             "dataFormat":"CSV","partitioning":"ALL","endpoint":"%s"}"""
                .formatted(BUCKET, s3.localS3().endpoint()));
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    JsonNode checked = Polling.checkedConnection(api, created.json().path("id").asText());
    assertThat(checked.path("status").asText()).as(checked.toString()).isEqualTo("ACTIVE");
    return checked.path("id").asText();
  }

  /** Creates a segments import of {@code table} through the API and answers its id. */
  private static String createImport(String name, String table, String extra) {
    ApiClient.Response created =
        api.post(
            "/api/v1/imports",
            """
            {"name":"%s","connectionId":"%s","table":"%s","dataType":"USER_SEGMENTS",
             "mapping":{"user_id":"user_id","segment":"segment"}%s}"""
                .formatted(name, connection, table, extra));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private static JsonNode runToTheEnd(String importId) {
    ApiClient.Response started = api.post("/api/v1/imports/" + importId + "/runs", "");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String run = started.json().path("id").asText();
    return Polling.until(
        () -> api.get("/api/v1/imports/" + importId + "/runs/" + run).json(),
        r -> r.path("status").asText().matches("SUCCEEDED|FAILED"));
  }

  /**
   * Inserts {@code count} finished runs with SQL (every tenth failed with an error) and answers
   * their ids newest first, as the pages list them.
   */
  private static List<String> insertRuns(String importId, int count) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                app.database().jdbcUrl(), app.database().user(), app.database().password());
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO import_runs (id, import_id, status, files_total, files_done,"
                    + " files_failed, rows_loaded, errors, queued_at, started_at, finished_at)"
                    + " SELECT gen_random_uuid(), ?,"
                    + " CASE WHEN n % 10 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END, 1, 1,"
                    + " CASE WHEN n % 10 = 0 THEN 1 ELSE 0 END, n,"
                    + " CASE WHEN n % 10 = 0 THEN ARRAY['run ' || n || ': the file could not be"
                    + " read'] ELSE '{}'::text[] END, t, t, t + interval '2 seconds'"
                    + " FROM generate_series(1, ?) AS n,"
                    + " LATERAL (SELECT TIMESTAMPTZ '2026-01-01' + n * interval '1 hour' AS t) x");
        PreparedStatement order =
            c.prepareStatement(
                "SELECT id FROM import_runs WHERE import_id = ? ORDER BY queued_at DESC, id")) {
      insert.setObject(1, UUID.fromString(importId));
      insert.setInt(2, count);
      insert.executeUpdate();
      order.setObject(1, UUID.fromString(importId));
      List<String> ids = new ArrayList<>();
      try (ResultSet r = order.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
      return ids;
    }
  }

  private static void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView(false);", element);
  }

  private static List<String> shownRuns() {
    return driver().findElements(By.cssSelector("#runs tbody tr[id^='run-']")).stream()
        .map(row -> row.getAttribute("id").substring("run-".length()))
        .toList();
  }

  @Test
  void runsArePagedFiftyAtATimeWithOlderAndNewestLinks() throws Exception {
    String id = createImport("Segments history", "segments", "");
    List<String> runs = insertRuns(id, 57);
    signIn("/imports/" + id, "runs");

    assertThat(shownRuns()).isEqualTo(runs.subList(0, 50));
    assertThat(driver().findElements(By.linkText("Newest runs"))).isEmpty();
    assertThat(byId("runs").getText()).contains("run 50: the file could not be read", "Failed");
    browser.screenshot("runs-newest");
    browser.phoneScreenshot("runs-newest");

    driver().findElement(By.linkText("Older runs")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("?before=" + runs.get(49)));
    assertThat(shownRuns()).isEqualTo(runs.subList(50, 57));
    assertThat(driver().findElements(By.linkText("Older runs"))).isEmpty();
    scrollTo(driver().findElement(By.cssSelector("nav.pager")));
    browser.screenshot("runs-older");

    driver().findElement(By.linkText("Newest runs")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/imports/" + id));
    assertThat(shownRuns()).isEqualTo(runs.subList(0, 50));
    String stranger = UUID.randomUUID().toString();
    driver().get(app.baseUrl() + "/imports/" + id + "?before=" + stranger);
    assertThat(driver().findElement(By.cssSelector(".notice")).getText())
        .contains("before " + stranger + " is not a run of import " + id);
    assertThat(shownRuns()).as("the newest runs instead").isEqualTo(runs.subList(0, 50));
    JsonNode api50 = api.get("/api/v1/imports/" + id + "/runs").json();
    assertThat(api50.get(0).path("id").asText())
        .as("the page and the API agree")
        .isEqualTo(runs.get(0));
  }

  @Test
  void thePageReadsTheImportAndItsRunsAsTheApiReadsThemOnTheNewestAndAnOlderPage()
      throws Exception {
    UUID id = UUID.fromString(createImport("Read at once", "segments", ""));
    List<String> runs = insertRuns(id.toString(), 57);
    ImportService imports = app.imports();

    for (Optional<UUID> before :
        List.of(Optional.<UUID>empty(), Optional.of(UUID.fromString(runs.get(49))))) {
      ImportService.ImportWithRuns read = imports.withRuns(id, before, ImportService.DEFAULT_RUNS);
      assertThat(read.details()).as("before " + before).isEqualTo(imports.get(id));
      assertThat(read.runs())
          .as("before " + before)
          .isEqualTo(imports.runs(id, before, ImportService.DEFAULT_RUNS));
      assertThat(read.details().lastRun().orElseThrow().id())
          .as("the import's newest run, whichever page is read")
          .hasToString(runs.getFirst());
    }
  }

  @Test
  void aRunThatRejectedRowsLinksToThemShownAsText() {
    String id = createImport("Bad rows", "bad", ",\"onError\":\"REJECT\",\"maxErrors\":10");
    put("data/bad/date=2025-01-02/part-0.csv", HEADER + "u3,s1,<i>twelve</i>\nu4,s1,40\nu5,s2\n");
    JsonNode finished = runToTheEnd(id);
    assertThat(finished.path("rows").path("rejected").asLong())
        .as(finished.toString())
        .isEqualTo(2);
    signIn("/imports/" + id, "rejects");

    assertThat(byId("runs").getText()).contains("2 rejected");
    browser.screenshot("rejects-run");
    driver().findElement(By.linkText("rejected rows")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/imports/" + id + "/rejects"));

    List<WebElement> rows = driver().findElements(By.cssSelector("#rejects tbody tr"));
    assertThat(rows).hasSize(2);
    String first = rows.get(0).getText();
    assertThat(first)
        .contains("data/bad/date=2025-01-02/part-0.csv", "2", "amount", "<i>twelve</i>");
    assertThat(driver().findElements(By.cssSelector("#rejects i"))).as("escaped").isEmpty();
    assertThat(rows.get(1).getText()).contains("(whole row)", "4");
    JsonNode api = ImportPagesIT.api.get("/api/v1/imports/" + id + "/rejects").json();
    assertThat(first).contains(api.path("rejects").get(0).path("error").asText());
    assertThat(driver().findElements(By.linkText("Next rejected rows"))).isEmpty();
    browser.screenshot("rejects");
    browser.phoneScreenshot("rejects");
  }

  @Test
  void aSchemaChangeShowsABannerWhoseAcceptTakesTheOfferedColumn() {
    String id = createImport("Growing", "growing", "");
    put("data/growing/date=2025-01-02/part-0.csv", "user_id,segment,amount,country\nu3,s3,30,DE\n");
    ApiClient.Response refreshed = api.post("/api/v1/imports/" + id + "/refresh", "");
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    signIn("/imports/" + id, "schema");

    WebElement banner = byId("schema-banner");
    assertThat(banner.getText())
        .contains(
            "The table's files changed",
            "Checked on request",
            "country",
            "VARCHAR",
            "after amount");
    WebElement box = driver().findElement(By.cssSelector("#schema-offered input[value=country]"));
    assertThat(box.isSelected()).isTrue();
    assertThat(driver().findElements(By.id("schema-unsupported"))).isEmpty();
    browser.screenshot("schema-banner");

    driver().findElement(By.xpath("//button[text()='Accept']")).click();
    browser.until(d -> d.getCurrentUrl().contains("?accepted=country"));
    assertThat(driver().findElement(By.cssSelector(".notice-done")).getText())
        .contains("Accepted country");
    assertThat(driver().findElements(By.id("schema-banner"))).as("nothing left to take").isEmpty();
    assertThat(driver().findElement(By.cssSelector(".settings")).getText()).contains("country");
    assertThat(api.get("/api/v1/imports/" + id + "/schema-changes").json().path("offered"))
        .isEmpty();
    assertThat(api.get("/api/v1/imports/" + id).json().toString()).contains("country");
    browser.screenshot("schema-accepted");
  }

  @Test
  void aChangeTheImportCannotTakeIsListedWithItsRuleAndNoAccept() {
    String id = createImport("Shrinking", "shrinking", "");
    put("data/shrinking/date=2025-01-02/part-0.csv", "user_id,segment\nu3,s3\n");
    JsonNode check = api.post("/api/v1/imports/" + id + "/refresh", "").json();
    String rule = check.path("unsupported").get(0).path("rule").asText();
    signIn("/imports/" + id, "schema-unsupported");

    assertThat(byId("schema-unsupported").getText()).contains("Removed", "amount", rule);
    assertThat(driver().findElements(By.id("schema-offered"))).isEmpty();
    browser.screenshot("schema-unsupported");
  }

  @Test
  void anImportIsDeletedAfterAConfirmationNamingWhatGoesWithIt() {
    String name = "<b>Brief</b>";
    String id = createImport(name, "brief", "");
    assertThat(runToTheEnd(id).path("status").asText()).isEqualTo("SUCCEEDED");
    String table = api.get("/api/v1/imports/" + id).json().path("targetTable").asText();
    signIn("/imports/" + id, "delete");

    driver().findElement(By.linkText("Delete…")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/imports/" + id + "/delete"));
    assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Delete " + name + "?");
    assertThat(byId("delete-what").getText()).contains(table, "brief", "its runs", "rejected rows");
    browser.screenshot("delete-confirm");

    driver().findElement(By.xpath("//button[text()='Delete import']")).click();
    browser.until(d -> d.getCurrentUrl().contains("/imports?deleted="));
    assertThat(byId("deleted-notice").getText()).isEqualTo("Import " + name + " deleted.");
    assertThat(driver().findElements(By.cssSelector("main b"))).isEmpty();
    assertThat(driver().findElements(By.linkText(name))).isEmpty();
    assertThat(api.get("/api/v1/imports/" + id).status()).isEqualTo(404);
    browser.screenshot("deleted");
  }
}
