package io.hivewire.cli;

import io.hivewire.apikeys.ApiKeys;
import io.hivewire.app.FileLogging;
import io.hivewire.app.HivewireApp;
import io.hivewire.app.StartupBanner;
import io.hivewire.config.ConfigKey;
import io.hivewire.config.LoadedConfig;
import io.hivewire.connections.ConnectionDetails;
import io.hivewire.connections.ConnectionService;
import io.hivewire.connections.ConnectionStatus;
import io.hivewire.connections.DiscoveryView;
import io.hivewire.demo.DemoImports;
import io.hivewire.demo.DemoPolicy;
import io.hivewire.demo.DemoRouting;
import io.hivewire.demo.DemoSchema;
import io.hivewire.demo.DemoSchema.DemoConnection;
import io.hivewire.errors.ConflictException;
import io.hivewire.locals3.LocalS3;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ObjectStores;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hivewire demo}: the server on embedded defaults with a local S3 holding sample tables,
 * connected and discovered, and sample events routed into it, so a first-time user sees every part
 * working.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start the server with a local S3 holding sample tables (CSV.gz partitioned, Parquet"
            + " partitioned, CSV not partitioned), connect them and print what was discovered;"
            + " import each sample table into PostgreSQL;"
            + " then create a routing destination on the local S3 and send sample events, an"
            + " identify call and a segment through the HTTP API, and print the keys written.")
final class DemoCommand implements Callable<Integer> {

  static final String BUCKET = "demo";
  private static final Duration CHECK_TIMEOUT = Duration.ofMinutes(2);

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--exit", description = "Stop after printing instead of serving on.")
  boolean exit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    LoadedConfig config = options.load(System.getenv(), Map.of(ConfigKey.LOCAL_S3_ENABLED, "true"));
    try (FileLogging logging =
        FileLogging.toFile(
            config.config().dataDir().resolve("logs").resolve("demo.log"),
            config.config().logFormat())) {
      return run(out, config, logging);
    }
  }

  private int run(PrintWriter out, LoadedConfig config, FileLogging logging)
      throws InterruptedException {
    HivewireApp app =
        HivewireApp.start(config.config(), S3ObjectStores::create, InstantSource.system());
    boolean allActive;
    boolean imported;
    boolean routed;
    boolean serving = false;
    try {
      StartupBanner.print(out, app, config);
      out.println("Logs go to " + logging.path() + "; warnings and errors also to stderr.");
      out.println();
      LocalS3 s3 = app.localS3().orElseThrow();
      DemoSchema demo = writeSampleData(out, config, s3);
      List<UUID> ids = connectAndShow(out, app.connections(), demo, s3);
      DemoPolicy.print(out, config.config().source(), BUCKET);
      allActive =
          ids.stream()
              .allMatch(
                  id ->
                      app.connections().get(id).connection().status().status()
                          == ConnectionStatus.ACTIVE);
      imported = DemoImports.run(out, app.imports(), app.connections(), demo, ids, app.database());
      String adminKey = demoKey(app.apiKeys(), ApiKeys.ADMIN_SCOPE);
      routed =
          DemoRouting.run(
              out,
              app.baseUrl(),
              adminKey,
              demoKey(app.apiKeys(), ApiKeys.INGEST_SCOPE),
              s3,
              InstantSource.system());
      printNextSteps(out, app, config, ids.getFirst(), adminKey);
      serving = !exit;
    } finally {
      if (!serving) {
        app.close();
      }
    }
    if (serving) {
      out.println("Serving until Ctrl+C.");
      out.flush();
      ServerCommand.awaitShutdown(app);
    } else {
      out.println("Stopped (--exit). Run ./hivewire demo without --exit to keep the server up.");
      out.flush();
    }
    return allActive && imported && routed ? 0 : 1;
  }

  /**
   * A key of {@code scope} for the demo's own HTTP calls (the admin key printed at the first start
   * is not stored), replacing the one of an earlier run.
   */
  private static String demoKey(ApiKeys keys, String scope) {
    String name = "hivewire demo (" + scope + ")";
    keys.list().stream()
        .filter(k -> k.name().equals(name))
        .forEach(
            k -> {
              try {
                keys.revoke(k.id());
              } catch (ConflictException e) {
                // The last admin key stays; the new one is issued beside it.
              }
            });
    return keys.issue(name, scope).key();
  }

  private static DemoSchema writeSampleData(PrintWriter out, LoadedConfig config, LocalS3 s3) {
    s3.createBucket(BUCKET);
    try (ObjectStore store =
        S3ObjectStores.create(
            S3ClientSettings.endpoint(
                s3.endpoint(), LocalS3.REGION, s3.accessKey(), s3.secretKey()))) {
      DemoSchema demo = new DemoSchema(store, BUCKET);
      demo.write(config.config().dataDir().resolve("tmp"));
      out.println("Sample data written to s3://" + BUCKET + "/ on the local S3:");
      out.println(
          "  web/page_views/date=2025-01-0{1,2}/part-00000.csv.gz   web/exports_tmp/export.csv");
      out.println("  shop/orders/country={FR,DE}/part-00000.parquet");
      out.println("  crm/segments/segments.csv   crm/customers/2025/01/customers.csv");
      out.println();
      return demo;
    }
  }

  private static List<UUID> connectAndShow(
      PrintWriter out, ConnectionService service, DemoSchema demo, LocalS3 s3)
      throws InterruptedException {
    out.println(
        "A connection reads one schema prefix in one format and one partitioning mode, so the"
            + " demo creates three:");
    out.flush();
    List<UUID> ids = new ArrayList<>();
    List<DemoConnection> connections = demo.connections(s3.endpoint(), LocalS3.REGION);
    for (DemoConnection connection : connections) {
      ids.add(createOrReplace(service, connection));
    }
    for (int i = 0; i < ids.size(); i++) {
      ConnectionDetails details = awaitCheck(service, ids.get(i));
      DemoConnection connection = connections.get(i);
      out.println();
      out.println(
          "== "
              + details.connection().spec().name()
              + "  ["
              + details.connection().status().status()
              + "]  id "
              + details.connection().id());
      out.println("   " + connection.lesson());
      if (details.connection().status().status() == ConnectionStatus.ACTIVE) {
        DiscoveryView view = service.tables(details.connection().id());
        DiscoveryReport.print(
            out, "   " + details.connection().spec().settings().schemaUrl(), view.result());
      } else {
        out.println(
            "   "
                + details.connection().status().reason().orElse("")
                + ": "
                + details.connection().status().message().orElse(""));
      }
    }
    out.println();
    return ids;
  }

  /**
   * Replaces the connection of the same name from an earlier run, so runs do not pile up and a
   * local S3 on another port is followed.
   */
  private static UUID createOrReplace(ConnectionService service, DemoConnection connection) {
    String name = connection.request().name().orElseThrow();
    service.list().stream()
        .filter(d -> d.connection().spec().name().equals(name))
        .forEach(d -> service.delete(d.connection().id()));
    return service.create(connection.request()).connection().id();
  }

  /** Polls until the background check has finished; the check itself has its own timeouts. */
  private static ConnectionDetails awaitCheck(ConnectionService service, UUID id)
      throws InterruptedException {
    long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
    while (true) {
      ConnectionDetails details = service.get(id);
      if (details.connection().status().status() != ConnectionStatus.PROCESSING
          || System.nanoTime() > deadline) {
        return details;
      }
      Thread.sleep(100);
    }
  }

  /**
   * The example calls. They show a key only if this run created it: the admin key created at the
   * first start, or else the demo's own admin key of this run; a key the user configured is only
   * referred to as {@code $HIVEWIRE_API_KEY}.
   */
  private static void printNextSteps(
      PrintWriter out, HivewireApp app, LoadedConfig config, UUID webConnection, String demoKey) {
    Optional<String> shownKey =
        app.createdApiKey()
            .or(
                () ->
                    config.config().apiKey().isPresent() ? Optional.empty() : Optional.of(demoKey));
    String api = app.baseUrl() + "/api/v1";
    String auth = StartupBanner.authHeader(shownKey);
    LocalS3 s3 = app.localS3().orElseThrow();
    out.println(
        "Open the dashboard at "
            + app.baseUrl()
            + "/ and sign in with "
            + shownKey.map(k -> "the key " + k).orElse("your key ($HIVEWIRE_API_KEY)"));
    out.println("Try the API (every /api/ call needs the X-API-Key header):");
    if (shownKey.isEmpty()) {
      out.println(
          "  (the lines use $HIVEWIRE_API_KEY, the key you configured: export it in your shell)");
    } else if (app.createdApiKey().isEmpty()) {
      out.println("  (with the demo's own admin key of this run; the next demo run replaces it)");
    }
    out.println("  curl -s " + auth + " " + api + "/connections");
    String web = api + "/connections/" + webConnection;
    out.println("  curl -s " + auth + " " + web + "/tables");
    out.println("  curl -s " + auth + " '" + web + "/tables/page_views/preview?limit=5'");
    out.println("  curl -s -X POST " + auth + " " + web + "/resync");
    out.println("  curl -s " + auth + " " + web + "/resyncs");
    out.println(
        "  curl -s -X POST "
            + auth
            + " -H 'Content-Type: application/json' -d '{\"name\":\"Mine\",\"region\":\"us-east-1\","
            + "\"bucket\":\""
            + BUCKET
            + "\",\"schemaPrefix\":\"crm/\",\"dataFormat\":\"CSV\",\"partitioning\":\"NONE\","
            + "\"endpoint\":\""
            + s3.endpoint()
            + "\"}' "
            + api
            + "/connections");
    out.println(
        "  AWS_ACCESS_KEY_ID="
            + s3.accessKey()
            + " AWS_SECRET_ACCESS_KEY="
            + StartupBanner.printableSecret(s3).orElse("<your local-s3.secret-key>")
            + " ./hivewire discover --endpoint "
            + s3.endpoint()
            + " --bucket "
            + BUCKET
            + " --prefix web/ --format csv --partitioning all");
    out.println();
  }
}
