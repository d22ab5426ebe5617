package io.hivewire.bench;

import io.hivewire.app.HivewireApp;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.connections.ConnectionRequest;
import io.hivewire.connections.ConnectionService;
import io.hivewire.connections.ConnectionStatus;
import io.hivewire.demo.DemoSchema;
import io.hivewire.locals3.LocalS3;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.store.DatabaseInfo;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Server-side render time of the dashboard: the Connections page with 200 connections and an
 * import's page with 1,000 runs (its newest page of runs and an old one), each fetched over HTTP on
 * loopback from the real server and printed beside the API call that returns the same data in the
 * same run. The target is a page within 1.5× of its API call.
 *
 * <p>Arguments (all optional): {@code connections runs iterations warmup}, default {@code 200 1000
 * 200 50}.
 */
public final class RenderBenchmark {

  private static final String BUCKET = "bench";
  private static final String ADMIN_KEY = "render-bench-admin-key";
  private static final double TARGET = 1.5;
  private static final int BATCH = 50;
  private static final int PAGE = 50;
  private static final Duration CHECK_TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private RenderBenchmark() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    System.out.printf(
        Locale.ROOT,
        "render benchmark: %d connections, an import with %d runs; %d warm-up requests, then %d"
            + " timed requests per URL, one at a time over loopback, a page and its API call in"
            + " turns, %d cores%n%n",
        connections,
        runs,
        warmup,
        iterations,
        Runtime.getRuntime().availableProcessors());
    Path work = Files.createTempDirectory("render-bench");
    try (HivewireApp app =
        HivewireApp.start(config(work), S3ObjectStores::create, InstantSource.system())) {
      LocalS3 s3 = app.localS3().orElseThrow();
      DemoSchema demo = sampleData(s3, work);
      List<UUID> ids = createConnections(app.connections(), s3, connections);
      UUID importId =
          app.imports().create(demo.imports().getFirst().request(ids.getFirst())).stored().id();
      insertRuns(app.database(), importId, runs);
      List<UUID> runIds = newestFirst(app.database(), importId);
      require(runIds.size() >= 2 * PAGE, "runs: at least " + 2 * PAGE + ", for two pages of runs");
      int pageSize = PAGE;
      List<UUID> newest = runIds.subList(0, pageSize);
      // The last full page, reached with the id that ends the page before it.
      int lastFrom = Math.max(pageSize, (runIds.size() / pageSize - 1) * pageSize);
      List<UUID> oldest = runIds.subList(lastFrom, Math.min(runIds.size(), lastFrom + pageSize));
      String before = "?before=" + runIds.get(lastFrom - 1);

      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      URI base = app.baseUrl();
      signIn(http, base);
      List<Pair> pairs =
          List.of(
              new Pair(
                  "Connections (" + connections + " connections)",
                  "/connections",
                  "/api/v1/connections",
                  "every connection: the page as table rows, the API as a JSON list",
                  ids),
              new Pair(
                  "Import page (" + runs + " runs), newest runs",
                  "/imports/" + importId,
                  "/api/v1/imports/" + importId + "/runs",
                  "the newest "
                      + pageSize
                      + " runs: a page of runs each (the page beside the import's settings)",
                  newest),
              new Pair(
                  "Import page (" + runs + " runs), an old page of runs",
                  "/imports/" + importId + before,
                  "/api/v1/imports/" + importId + "/runs" + before,
                  "runs "
                      + (lastFrom + 1)
                      + " to "
                      + (lastFrom + oldest.size())
                      + " (newest first), reached with before=",
                  oldest));
      for (Pair pair : pairs) {
        Timing[] both = measure(http, base, pair, warmup, iterations);
        Timing page = both[0];
        Timing api = both[1];
        double ratio = page.median() / api.median();
        System.out.println("== " + pair.label() + " — both return " + pair.returns());
        System.out.printf(
            Locale.ROOT,
            "  page GET %-50s median %6.2f ms  p90 %6.2f ms  %,9d bytes HTML%n",
            pair.page(),
            page.median(),
            page.p90(),
            page.bytes());
        System.out.printf(
            Locale.ROOT,
            "  API  GET %-50s median %6.2f ms  p90 %6.2f ms  %,9d bytes JSON%n",
            pair.api(),
            api.median(),
            api.p90(),
            api.bytes());
        System.out.printf(
            Locale.ROOT,
            "  page / API (medians): %.2f×  target (≤ %.1f×) %s%n%n",
            ratio,
            TARGET,
            ratio <= TARGET ? "met" : "MISSED");
      }
    } finally {
      RoutingBenchmark.deleteTree(work);
    }
  }

  /** A page and the API call returning the same data: every one of {@code items} by its id. */
  private record Pair(String label, String page, String api, String returns, List<UUID> items) {}

  /** Median and 90th percentile in milliseconds, and the size of the last response. */
  private record Timing(double median, double p90, long bytes) {}

  /** The server as the tests start it: free ports, the embedded database and the local S3. */
  private static HivewireConfig config(Path work) {
    Map<String, String> env = new HashMap<>();
    env.put("HIVEWIRE_HTTP_PORT", "0");
    env.put("HIVEWIRE_DATA_DIR", work.resolve("data").toString());
    env.put("HIVEWIRE_DB_EMBEDDED_PORT", "0");
    env.put("HIVEWIRE_API_KEY", ADMIN_KEY);
    env.put("HIVEWIRE_LOCAL_S3_ENABLED", "true");
    env.put("HIVEWIRE_LOCAL_S3_PORT", "0");
    env.put("HIVEWIRE_LOCAL_S3_SECRET_KEY", "render-bench-secret");
    return new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
  }

  private static DemoSchema sampleData(LocalS3 s3, Path work) {
    s3.createBucket(BUCKET);
    try (ObjectStore store =
        S3ObjectStores.create(
            S3ClientSettings.endpoint(
                s3.endpoint(), LocalS3.REGION, s3.accessKey(), s3.secretKey()))) {
      DemoSchema demo = new DemoSchema(store, BUCKET);
      demo.write(work.resolve("tmp"));
      return demo;
    }
  }

  /**
   * Creates {@code count} connections to the sample {@code web/} prefix through the service (each
   * checked and discovered in the background like any other), in batches the background work's
   * bounded queue accepts, and waits until all are ACTIVE.
   */
  private static List<UUID> createConnections(ConnectionService service, LocalS3 s3, int count)
      throws InterruptedException {
    List<UUID> ids = new ArrayList<>();
    long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
    for (int from = 1; from <= count; from += BATCH) {
      List<UUID> batch =
          IntStream.rangeClosed(from, Math.min(count, from + BATCH - 1))
              .mapToObj(
                  i ->
                      service
                          .create(
                              new ConnectionRequest(
                                  Optional.of(String.format(Locale.ROOT, "Web analytics %03d", i)),
                                  Optional.of(LocalS3.REGION),
                                  Optional.of(BUCKET),
                                  Optional.of("web/"),
                                  Optional.of("CSV"),
                                  Optional.of("ALL"),
                                  Optional.of(s3.endpoint().toString())))
                          .connection()
                          .id())
              .toList();
      for (UUID id : batch) {
        while (true) {
          ConnectionStatus status = service.get(id).connection().status().status();
          if (status == ConnectionStatus.ACTIVE) {
            break;
          }
          require(
              status == ConnectionStatus.PROCESSING && System.nanoTime() < deadline,
              "connection " + id + " is " + status + ", not ACTIVE");
          Thread.sleep(50);
        }
      }
      ids.addAll(batch);
    }
    return ids;
  }

  /**
   * Inserts {@code count} finished runs of the import with SQL: running 1,000 real imports would
   * take minutes and measure the importer, not the pages. Every tenth run failed with an error, as
   * real histories have some.
   */
  private static void insertRuns(DatabaseInfo database, UUID importId, int count)
      throws SQLException {
    try (Connection c =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO import_runs (id, import_id, status, files_total, files_done,"
                    + " files_failed, bytes_read, rows_read, rows_loaded, rows_rejected, errors,"
                    + " queued_at, started_at, finished_at)"
                    + " SELECT gen_random_uuid(), ?,"
                    + " CASE WHEN n % 10 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END,"
                    + " 2, 2, CASE WHEN n % 10 = 0 THEN 1 ELSE 0 END, 1000 + n, 5, 5, 0,"
                    + " CASE WHEN n % 10 = 0 THEN ARRAY['web/page_views/date=2025-01-02/"
                    + "part-00000.csv.gz: the file could not be read (run ' || n || ')']"
                    + " ELSE '{}'::text[] END,"
                    + " t, t + interval '1 second', t + interval '3 seconds'"
                    + " FROM generate_series(1, ?) AS n,"
                    + " LATERAL (SELECT TIMESTAMPTZ '2026-01-01' + n * interval '1 hour' AS t) x"
                    + " RETURNING id")) {
      s.setObject(1, importId);
      s.setInt(2, count);
      List<UUID> ids = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getObject(1, UUID.class));
        }
      }
      require(ids.size() == count, "inserted " + ids.size() + " runs, not " + count);
    }
  }

  /** The import's runs in the order the page and the API list them: newest first. */
  private static List<UUID> newestFirst(DatabaseInfo database, UUID importId) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id FROM import_runs WHERE import_id = ? ORDER BY queued_at DESC, id")) {
      s.setObject(1, importId);
      List<UUID> ids = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getObject(1, UUID.class));
        }
      }
      return ids;
    }
  }

  /** Signs in as the browser does: the form's CSRF token and cookie, then the admin key. */
  private static void signIn(HttpClient http, URI base) throws Exception {
    HttpResponse<String> form = get(http, base.resolve("/sign-in"), false);
    require(form.statusCode() == 200, "GET /sign-in answered " + form.statusCode());
    Matcher csrf = CSRF.matcher(form.body());
    require(csrf.find(), "GET /sign-in has no CSRF token: " + form.body());
    String body =
        "csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
            + "&key="
            + URLEncoder.encode(ADMIN_KEY, StandardCharsets.UTF_8)
            + "&next=%2Fconnections";
    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(base.resolve("/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    require(
        signedIn.statusCode() == 302 || signedIn.statusCode() == 303,
        "POST /sign-in answered " + signedIn.statusCode() + ", not a redirect: " + signedIn.body());
  }

  /**
   * The page's and the API call's timings, taken in turns (which goes first alternates) so that
   * whatever else the machine does at the time, such as the database's autovacuum after the runs
   * were inserted, weighs on both alike. Every response must be a 200 of the expected type and no
   * smaller than the first; the first and the last must name every item (searching 1,000 ids in
   * each of them would slow the run down for nothing).
   */
  private static Timing[] measure(HttpClient http, URI base, Pair pair, int warmup, int iterations)
      throws Exception {
    Sample page = new Sample(base.resolve(pair.page()), false, iterations);
    Sample api = new Sample(base.resolve(pair.api()), true, iterations);
    for (int i = 0; i < warmup + iterations; i++) {
      boolean pageFirst = i % 2 == 0;
      boolean last = i == warmup + iterations - 1;
      (pageFirst ? page : api).take(http, pair.items(), i - warmup, i == 0 || last);
      (pageFirst ? api : page).take(http, pair.items(), i - warmup, i == 0 || last);
    }
    return new Timing[] {page.timing(), api.timing()};
  }

  /** The timed requests of one URL: warm-up requests (a negative index) are checked, not kept. */
  private static final class Sample {
    private final URI uri;
    private final String path;
    private final boolean api;
    private final long[] nanos;
    private long first = -1;
    private long bytes;

    Sample(URI uri, boolean api, int iterations) {
      this.uri = uri;
      this.path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      this.api = api;
      this.nanos = new long[iterations];
    }

    void take(HttpClient http, List<UUID> items, int index, boolean checkItems) throws Exception {
      long start = System.nanoTime();
      HttpResponse<String> response = get(http, uri, api);
      long took = System.nanoTime() - start;
      check(path, api, response);
      bytes = response.body().getBytes(StandardCharsets.UTF_8).length;
      if (checkItems) {
        namesEvery(path, response.body(), items);
      }
      if (first < 0) {
        first = bytes;
      }
      require(bytes >= first, "GET " + path + " answered " + bytes + " bytes, first " + first);
      if (index >= 0) {
        nanos[index] = took;
      }
    }

    Timing timing() {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return new Timing(sorted[n / 2] / 1e6, sorted[(int) Math.ceil(0.9 * n) - 1] / 1e6, bytes);
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, boolean api) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (api) {
      request.header("X-API-Key", ADMIN_KEY);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void check(String path, boolean api, HttpResponse<String> response) {
    require(
        response.statusCode() == 200,
        "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    String type = response.headers().firstValue("Content-Type").orElse("");
    require(
        type.startsWith(api ? "application/json" : "text/html"),
        "GET " + path + " answered " + type);
  }

  private static void namesEvery(String path, String body, List<UUID> items) {
    List<UUID> missing = items.stream().filter(id -> !body.contains(id.toString())).toList();
    require(
        missing.isEmpty(),
        "GET "
            + path
            + " misses "
            + missing.size()
            + " of "
            + items.size()
            + " items, e.g. "
            + missing.stream().findFirst().map(UUID::toString).orElse(""));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
