package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.config.HivewireConfig;
import io.hivewire.config.Secret;
import io.hivewire.connections.ConnectionRepository;
import io.hivewire.connections.DiscoverySnapshotRepository;
import io.hivewire.connections.SourceAccess;
import io.hivewire.importer.DataType;
import io.hivewire.importer.ImportCheck;
import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.ImportMode;
import io.hivewire.importer.Mapping;
import io.hivewire.importer.OnError;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.Schedule;
import io.hivewire.importer.StoredImport;
import io.hivewire.imports.ImportRepository;
import io.hivewire.imports.ImportRunner;
import io.hivewire.imports.ImportSchemaRepository;
import io.hivewire.imports.ImportSchemaService;
import io.hivewire.imports.ImportTableStore;
import io.hivewire.reader.parquet.ParquetBytes;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema changes of imported tables against a real server (embedded PostgreSQL, S3Proxy): checks
 * and accepts go through the HTTP API; imports are created and run through it too, or through the
 * service layer where a test looks at the schema checks alone.
 */
class ImportSchemaChangesIT {

  private static final String KEY = "test-admin-key";
  private static final String BUCKET = "lake";
  private static final String HEADER = "user_id,segment,amount\n";
  private static final String PARQUET_V1 =
      "message row { required binary user_id (UTF8); required binary segment (UTF8);"
          + " optional int64 amount; }";

  @TempDir static Path dataDir;
  @TempDir static Path clientDir;

  static LocalS3Fixture s3;
  static HivewireApp app;
  static ApiClient api;
  static Database database;
  static ImportSchemaService schemas;

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start(BUCKET);
    Map<String, String> env =
        ServerEnvironment.of(dataDir, KEY, s3.localS3().accessKey(), s3.localS3().secretKey());
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    app = HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
    api = new ApiClient(app.baseUrl(), Optional.of(KEY));
    String password = app.database().password();
    database =
        Database.open(
            new DatabaseConfig.External(
                app.database().jdbcUrl(),
                app.database().user(),
                password.isBlank() ? Optional.empty() : Optional.of(new Secret(password)),
                2),
            clientDir);
    schemas =
        new ImportSchemaService(
            new ImportRepository(database),
            new ImportSchemaRepository(database),
            new ConnectionRepository(database),
            new DiscoverySnapshotRepository(database),
            new SourceAccess(config.source(), Optional.empty(), S3ObjectStores::create),
            InstantSource.system());
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      database.close();
    }
    if (app != null) {
      app.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private static void put(String key, String text) {
    put(key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void put(String key, byte[] body) {
    s3.putObject(BUCKET, key, body);
  }

  /** A Parquet file of {@code schema} with one row per {@code user_id:segment:amount[:country]}. */
  private static byte[] parquet(String schema, String... rows) {
    return ParquetBytes.write(
        schema,
        CompressionCodecName.UNCOMPRESSED,
        f -> {
          List<org.apache.parquet.example.data.Group> groups = new ArrayList<>();
          for (String row : rows) {
            String[] v = row.split(":");
            var group = f.newGroup().append("user_id", v[0]).append("segment", v[1]);
            group.append("amount", Long.parseLong(v[2]));
            if (v.length > 3) {
              group.append("country", v[3]);
            }
            if (schema.contains("score")) {
              group.append("score", 1);
            }
            groups.add(group);
          }
          return groups;
        });
  }

  /** Creates a connection through the API and waits until it is ACTIVE; returns its id. */
  private static UUID connect(String prefix, DataFormat format) {
    ApiClient.Response created =
        api.post(
            "/api/v1/connections",
            """
            {"name":"%s","region":"us-east-1","bucket":"%s","schemaPrefix":"%s",
             "dataFormat":"%s","partitioning":"NONE","endpoint":"%s"}"""
                .formatted(prefix, BUCKET, prefix, format, s3.localS3().endpoint()));
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String id = created.json().path("id").asText();
    JsonNode connection = Polling.checkedConnection(api, id);
    assertThat(connection.path("status").asText()).as(connection.toString()).isEqualTo("ACTIVE");
    return UUID.fromString(id);
  }

  private record Imported(UUID id, ConnectionSettings settings) {}

  /** An import of segments of {@code table}, created as the create endpoint does: checked, kept. */
  private static Imported importOf(
      UUID connectionId, String prefix, DataFormat format, String table, ImportMode mode) {
    return importOf(connectionId, prefix, format, table, mode, List.of());
  }

  /** The same, importing only {@code columns} (all when empty). */
  private static Imported importOf(
      UUID connectionId,
      String prefix,
      DataFormat format,
      String table,
      ImportMode mode,
      List<String> columns) {
    ConnectionSettings settings = settings(prefix, format);
    ImportDefinition definition =
        new ImportDefinition(
            table + " segments",
            connectionId,
            table,
            DataType.USER_SEGMENTS,
            new Mapping(Map.of("user_id", "user_id", "segment", "segment"), List.of()),
            columns,
            Optional.empty(),
            new Schedule.Manual(),
            mode,
            OnError.FAIL,
            0);
    DiscoveredTable discovered =
        Discovery.withSchemaReader(s3.store()).discoverTable(settings, table).tables().getFirst();
    ImportCheck.check(definition, discovered);
    StoredImport stored =
        new ImportRepository(database).create(definition, InstantSource.system().instant());
    schemas.recordSchema(stored.id(), discovered);
    return new Imported(stored.id(), settings);
  }

  private static ConnectionSettings settings(String prefix, DataFormat format) {
    return new ConnectionSettings(
        AwsRegion.parse("us-east-1"),
        BucketName.parse(BUCKET),
        SchemaPrefix.parse(prefix),
        format,
        Partitioning.NONE);
  }

  /** An incremental import of all the columns of {@code table}, created through the API. */
  private static Imported createThroughApi(
      UUID connectionId, String prefix, DataFormat format, String table) {
    ApiClient.Response created =
        api.post(
            "/api/v1/imports",
            """
            {"name":"%s segments","connectionId":"%s","table":"%s","dataType":"USER_SEGMENTS",
             "mapping":{"user_id":"user_id","segment":"segment"}}"""
                .formatted(table, connectionId, table));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Imported(
        UUID.fromString(created.json().path("id").asText()), settings(prefix, format));
  }

  /** Starts a run through the API and waits until it has finished; answers the finished run. */
  private static JsonNode runThroughApi(Imported imported) {
    return runThroughApi(imported, "");
  }

  /** The same, with {@code body} as the run's options. */
  private static JsonNode runThroughApi(Imported imported, String body) {
    String runs = "/api/v1/imports/" + imported.id() + "/runs";
    ApiClient.Response started = api.post(runs, body);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String run = runs + "/" + started.json().path("id").asText();
    return Polling.until(
        () -> api.get(run).json(),
        finished -> !List.of("QUEUED", "RUNNING").contains(finished.path("status").asText()));
  }

  /** Resyncs the connection through the API and waits until the resync has completed. */
  private static void resync(UUID connection) {
    ApiClient.Response started = api.post("/api/v1/connections/" + connection + "/resync", "");
    assertThat(started.status()).isEqualTo(202);
    JsonNode resync =
        Polling.until(
            () -> api.get("/api/v1/connections/" + connection + "/resyncs").json().get(0),
            r -> !r.path("status").asText().equals("IN_PROGRESS"));
    assertThat(resync.path("status").asText()).as(resync.toString()).isEqualTo("COMPLETED");
  }

  private static RunTotals run(Imported imported) {
    StoredImport stored = new ImportRepository(database).find(imported.id()).orElseThrow();
    var connection =
        new ConnectionRepository(database).find(stored.definition().connectionId()).orElseThrow();
    RunTotals totals =
        new ImportRunner(s3.store(), new ImportTableStore(database), InstantSource.system(), 2)
            .run(stored, imported.settings(), schemas.checkedImport(stored, connection));
    assertThat(totals.errors()).isEmpty();
    return totals;
  }

  private static JsonNode refresh(Imported imported) {
    ApiClient.Response response = api.post("/api/v1/imports/" + imported.id() + "/refresh", "");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static ApiClient.Response accept(Imported imported, String columnsJson) {
    return api.post(
        "/api/v1/imports/" + imported.id() + "/schema-changes/accept",
        "{\"columns\":" + columnsJson + "}");
  }

  /** {@code user_id=value} of every row, by user id; the value of a NULL is {@code null}. */
  private static List<String> rows(Imported imported, String column) throws SQLException {
    return query(
        "SELECT user_id, \""
            + column
            + "\" FROM \""
            + targetTable(imported)
            + "\" ORDER BY user_id");
  }

  private static List<String> kinds(JsonNode check) {
    List<String> kinds = new ArrayList<>();
    check
        .path("unsupported")
        .forEach(c -> kinds.add(c.path("kind").asText() + " " + c.path("column").asText()));
    return kinds;
  }

  @Test
  void csvColumnsAppendedAtTheEndAreOfferedAndAnAcceptedOneLoadsWithNullForOlderFiles()
      throws Exception {
    String prefix = "appended/";
    put(prefix + "segments/part-0001.csv", HEADER + "u1,s1,10\n");
    UUID connection = connect(prefix, DataFormat.CSV);
    Imported imported =
        importOf(connection, prefix, DataFormat.CSV, "segments", ImportMode.FULL_REFRESH);
    assertThat(run(imported).rowsLoaded()).isEqualTo(1);

    put(
        prefix + "segments/part-0002.csv",
        "user_id,segment,amount,country,channel\nu2,s2,20,DE,web\n");
    JsonNode check = refresh(imported);

    assertThat(check.path("unsupported")).isEmpty();
    assertThat(check.path("offered").findValuesAsText("name"))
        .containsExactly("country", "channel");
    JsonNode country = check.path("offered").get(0);
    assertThat(country.path("type").asText()).isEqualTo("VARCHAR");
    assertThat(country.path("origin").asText()).isEqualTo("file");
    assertThat(country.path("position").asInt()).isEqualTo(4);
    assertThat(country.path("after").asText()).isEqualTo("amount");
    assertThat(check.path("trigger").asText()).isEqualTo("REFRESH");
    assertThat(check.path("checkedAt").asText()).isNotEmpty();
    JsonNode shown = api.get("/api/v1/imports/" + imported.id() + "/schema-changes").json();
    assertThat(shown.path("offered")).isEqualTo(check.path("offered"));
    assertThat(shown.path("checkedAt")).isEqualTo(check.path("checkedAt"));

    ApiClient.Response unknown = accept(imported, "[\"country\",\"bogus\"]");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("message").asText())
        .contains("[bogus] is not offered")
        .contains("offered columns are [country, channel]");
    ApiClient.Response gap = accept(imported, "[\"channel\"]");
    assertThat(gap.status()).isEqualTo(400);
    assertThat(gap.json().path("error").path("message").asText())
        .contains("'channel' cannot be taken without 'country'");

    ApiClient.Response accepted = accept(imported, "[\"country\"]");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().path("offered").findValuesAsText("name")).containsExactly("channel");
    assertThat(rows(imported, "country")).containsExactly("u1=null");

    RunTotals rerun = run(imported);

    assertThat(rerun.rowsLoaded()).isEqualTo(2);
    assertThat(rows(imported, "country")).containsExactly("u1=null", "u2=DE");
    assertThat(rows(imported, "amount")).containsExactly("u1=10", "u2=20");
    assertThat(tableColumns(imported)).contains("country").doesNotContain("channel");
  }

  @Test
  void parquetNullableColumnInTheMiddleIsOfferedAndARequiredOneIsNot() throws Exception {
    String prefix = "parquet/";
    put(prefix + "segments/part-0001.parquet", parquet(PARQUET_V1, "u1:s1:10"));
    UUID connection = connect(prefix, DataFormat.PARQUET);
    Imported imported =
        importOf(
            connection,
            prefix,
            DataFormat.PARQUET,
            "segments",
            ImportMode.INCREMENTAL,
            List.of("user_id", "segment", "amount"));
    assertThat(run(imported).rowsLoaded()).isEqualTo(1);

    put(
        prefix + "segments/part-0002.parquet",
        parquet(
            "message row { required binary user_id (UTF8); optional binary country (UTF8);"
                + " required binary segment (UTF8); optional int64 amount; required int32 score; }",
            "u2:s2:20:DE",
            "u3:s3:30:FR"));
    JsonNode check = refresh(imported);

    assertThat(check.path("offered").findValuesAsText("name")).containsExactly("country");
    assertThat(check.path("offered").get(0).path("position").asInt()).isEqualTo(2);
    assertThat(check.path("offered").get(0).path("after").asText()).isEqualTo("user_id");
    assertThat(kinds(check)).containsExactly("NEW_COLUMN_NOT_NULLABLE score");
    assertThat(check.path("unsupported").get(0).path("rule").asText()).contains("allow NULL");

    ApiClient.Response refused = accept(imported, "[\"score\"]");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("error").path("message").asText())
        .contains("[score] is not offered");

    assertThat(accept(imported, "[\"country\"]").status()).isEqualTo(200);
    assertThat(
            new ImportRepository(database).find(imported.id()).orElseThrow().definition().columns())
        .containsExactly("user_id", "segment", "amount", "country");
    RunTotals rerun = run(imported);

    assertThat(rerun.rowsLoaded()).isEqualTo(2);
    assertThat(rows(imported, "country")).containsExactly("u1=null", "u2=DE", "u3=FR");
    assertThat(rows(imported, "segment")).containsExactly("u1=s1", "u2=s2", "u3=s3");
  }

  @Test
  void csvChangesOtherThanAppendingAreReportedWithTheirRule() {
    String prefix = "csvchanges/";
    Map<String, String> changed =
        Map.of(
            "inserted", "user_id,country,segment,amount\nu2,DE,s2,20\n",
            "removed", "user_id,segment\nu2,s2\n",
            "retyped", HEADER + "u2,s2,lots\n",
            "renamed", "user_id,audience,amount\nu2,s2,20\n",
            "reordered", "user_id,amount,segment\nu2,20,s2\n");
    changed.keySet().forEach(t -> put(prefix + t + "/part-0001.csv", HEADER + "u1,s1,10\n"));
    UUID connection = connect(prefix, DataFormat.CSV);
    Map<String, Imported> imports = new HashMap<>();
    for (String table : changed.keySet()) {
      imports.put(
          table, importOf(connection, prefix, DataFormat.CSV, table, ImportMode.INCREMENTAL));
      put(prefix + table + "/part-0002.csv", changed.get(table));
    }

    Map<String, JsonNode> checks = new HashMap<>();
    imports.forEach((table, imported) -> checks.put(table, refresh(imported)));

    assertThat(kinds(checks.get("inserted"))).containsExactly("NEW_COLUMN_NOT_AT_END country");
    assertThat(kinds(checks.get("removed"))).containsExactly("REMOVED amount");
    assertThat(kinds(checks.get("retyped"))).containsExactly("RETYPED amount");
    assertThat(kinds(checks.get("renamed"))).containsExactly("RENAMED segment");
    assertThat(kinds(checks.get("reordered"))).containsExactly("REORDERED segment");
    checks.values().forEach(check -> assertThat(check.path("offered")).isEmpty());
    assertThat(checks.get("inserted").path("unsupported").get(0).path("rule").asText())
        .contains("read by position")
        .contains("at the end");
    assertThat(checks.get("retyped").path("unsupported").get(0).path("detail").asText())
        .isEqualTo("column 'amount' was BIGINT and is now VARCHAR");
    assertThat(checks.get("renamed").path("unsupported").get(0).path("rule").asText())
        .contains("name it 'segment' again")
        .contains("new import");
    ApiClient.Response refused = accept(imports.get("inserted"), "[\"country\"]");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("error").path("message").asText())
        .contains("offered columns are [] (none");
  }

  @Test
  void parquetRenameIsReportedAsARename() {
    String prefix = "pqrename/";
    put(prefix + "segments/part-0001.parquet", parquet(PARQUET_V1, "u1:s1:10"));
    UUID connection = connect(prefix, DataFormat.PARQUET);
    Imported imported =
        importOf(connection, prefix, DataFormat.PARQUET, "segments", ImportMode.INCREMENTAL);
    put(
        prefix + "segments/part-0002.parquet",
        ParquetBytes.write(
            "message row { required binary user_id (UTF8); required binary audience (UTF8);"
                + " optional int64 amount; }",
            CompressionCodecName.UNCOMPRESSED,
            f ->
                List.of(
                    f.newGroup()
                        .append("user_id", "u2")
                        .append("audience", "s2")
                        .append("amount", 20L))));

    JsonNode check = refresh(imported);

    assertThat(kinds(check)).containsExactly("RENAMED segment");
    assertThat(check.path("unsupported").get(0).path("detail").asText())
        .contains("renamed to 'audience'");
    assertThat(check.path("offered")).isEmpty();
  }

  @Test
  void resyncChecksTheConnectionsImportsAndKeepsTheResultWithoutAccepting() throws Exception {
    String prefix = "resynced/";
    put(prefix + "segments/part-0001.csv", HEADER + "u1,s1,10\n");
    UUID connection = connect(prefix, DataFormat.CSV);
    Imported imported =
        importOf(connection, prefix, DataFormat.CSV, "segments", ImportMode.INCREMENTAL);
    run(imported);
    ApiClient.Response before = api.get("/api/v1/imports/" + imported.id() + "/schema-changes");
    assertThat(before.status()).isEqualTo(409);
    assertThat(before.json().path("error").path("message").asText()).contains("/refresh");

    put(prefix + "segments/part-0002.csv", "user_id,segment,amount,country\nu2,s2,20,DE\n");
    resync(connection);

    JsonNode check = api.get("/api/v1/imports/" + imported.id() + "/schema-changes").json();

    assertThat(check.path("trigger").asText()).isEqualTo("RESYNC");
    assertThat(check.path("offered").findValuesAsText("name")).containsExactly("country");
    assertThat(check.path("unsupported")).isEmpty();
    run(imported);
    assertThat(rows(imported, "amount")).containsExactly("u1=10", "u2=20");
    assertThat(tableColumns(imported)).contains("amount").doesNotContain("country");
  }

  @Test
  void importCreatedThroughTheApiKnowsItsColumnsAndItsApiRunsLoadAnAcceptedCsvColumn()
      throws Exception {
    String prefix = "apiappended/";
    put(prefix + "segments/part-0001.csv", HEADER + "u1,s1,10\n");
    UUID connection = connect(prefix, DataFormat.CSV);
    Imported imported = createThroughApi(connection, prefix, DataFormat.CSV, "segments");
    assertThat(new ImportSchemaRepository(database).knownTable(imported.id()))
        .as("recorded when the import was created")
        .isPresent();
    assertThat(runThroughApi(imported).path("status").asText()).isEqualTo("SUCCEEDED");

    put(prefix + "segments/part-0002.csv", "user_id,segment,amount,country\nu2,s2,20,DE\n");
    assertThat(refresh(imported).path("offered").findValuesAsText("name"))
        .containsExactly("country");
    ApiClient.Response accepted = accept(imported, "[\"country\"]");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    JsonNode run = runThroughApi(imported);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.path("rows").path("loaded").asLong()).isEqualTo(1);
    assertThat(rows(imported, "country")).containsExactly("u1=null", "u2=DE");
    assertThat(rows(imported, "amount")).containsExactly("u1=10", "u2=20");
  }

  @Test
  void reloadAfterAcceptingAColumnFillsItInTheFilesAlreadyLoadedWithoutDuplicatingRows()
      throws Exception {
    String prefix = "reload/";
    put(prefix + "segments/part-0001.csv", HEADER + "u1,s1,10\n");
    UUID connection = connect(prefix, DataFormat.CSV);
    Imported imported = createThroughApi(connection, prefix, DataFormat.CSV, "segments");
    put(prefix + "segments/part-0002.csv", HEADER.strip() + ",country\nu2,s2,20,DE\nu3,s3,30,FR\n");
    assertThat(runThroughApi(imported).path("rows").path("loaded").asLong()).isEqualTo(3);
    assertThat(refresh(imported).path("offered").findValuesAsText("name"))
        .containsExactly("country");
    assertThat(accept(imported, "[\"country\"]").status()).isEqualTo(200);
    JsonNode plain = runThroughApi(imported);
    assertThat(plain.path("files").path("loaded").asInt()).as(plain.toString()).isZero();
    assertThat(rows(imported, "country")).containsExactly("u1=null", "u2=null", "u3=null");

    JsonNode reload = runThroughApi(imported, "{\"reload\":true}");

    assertThat(reload.path("status").asText()).as(reload.toString()).isEqualTo("SUCCEEDED");
    assertThat(rows(imported, "country")).containsExactly("u1=null", "u2=DE", "u3=FR");
    assertThat(reload.path("files").path("loaded").asInt()).isEqualTo(2);
    assertThat(reload.path("files").path("replaced").asInt()).isEqualTo(2);
    assertThat(reload.path("reload").asBoolean()).isTrue();
    assertThat(
            query(
                "SELECT count(*), count(DISTINCT (_file, _row)) FROM \""
                    + targetTable(imported)
                    + "\""))
        .containsExactly("3=3");
    assertThat(plain.path("reload").asBoolean()).isFalse();
  }

  @Test
  void resyncFindingANewNullableParquetColumnDoesNotBreakTheNextRunOfAnAllColumnsImport()
      throws Exception {
    String prefix = "pqresync/";
    put(prefix + "segments/part-0001.parquet", parquet(PARQUET_V1, "u1:s1:10"));
    UUID connection = connect(prefix, DataFormat.PARQUET);
    Imported imported = createThroughApi(connection, prefix, DataFormat.PARQUET, "segments");
    assertThat(runThroughApi(imported).path("status").asText()).isEqualTo("SUCCEEDED");

    put(
        prefix + "segments/part-0002.parquet",
        parquet(
            "message row { required binary user_id (UTF8); required binary segment (UTF8);"
                + " optional int64 amount; optional binary country (UTF8); }",
            "u2:s2:20:DE"));
    resync(connection);
    assertThat(
            api.get("/api/v1/connections/" + connection + "/tables")
                .json()
                .path("tables")
                .get(0)
                .path("columns")
                .findValuesAsText("name"))
        .as("the connection's discovery now shows the new column")
        .contains("country");
    JsonNode run = runThroughApi(imported);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.path("rows").path("loaded").asLong()).isEqualTo(1);
    assertThat(rows(imported, "amount")).containsExactly("u1=10", "u2=20");
    assertThat(tableColumns(imported)).doesNotContain("country");
    assertThat(
            api.get("/api/v1/imports/" + imported.id() + "/schema-changes")
                .json()
                .path("offered")
                .findValuesAsText("name"))
        .containsExactly("country");
  }

  @Test
  void csvFileWithAColumnInsertedInTheMiddleFailsNamingThePositionWhileTheOtherFilesLoad()
      throws Exception {
    String prefix = "insertedrun/";
    put(prefix + "segments/part-0001.csv", HEADER + "u1,s1,10\n");
    UUID connection = connect(prefix, DataFormat.CSV);
    Imported imported = createThroughApi(connection, prefix, DataFormat.CSV, "segments");
    put(prefix + "segments/part-0002.csv", "user_id,segment,bonus,amount\nu2,s2,5,20\n");
    put(prefix + "segments/part-0003.csv", HEADER + "u3,s3,30\n");
    put(prefix + "segments/part-0004.csv", "user_id,segment,amount,channel\nu4,s4,40,web\n");

    JsonNode run = runThroughApi(imported);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("FAILED");
    assertThat(run.path("files").path("loaded").asInt()).isEqualTo(3);
    assertThat(run.path("files").path("failed").asInt()).isEqualTo(1);
    assertThat(run.path("errors")).hasSize(1);
    assertThat(run.path("errors").get(0).asText())
        .startsWith(
            "s3://"
                + BUCKET
                + "/"
                + prefix
                + "segments/part-0002.csv has 'bonus' as column 3 of its header where the table"
                + " has 'amount'")
        .contains("(user_id, segment, amount)")
        .contains("POST /api/v1/imports/" + imported.id() + "/refresh")
        .contains("need a new import");
    assertThat(rows(imported, "amount")).containsExactly("u1=10", "u3=30", "u4=40");
  }

  @Test
  void parquetFileWithAColumnOfAnotherTypeFailsNamingItWhileTheOtherFilesLoad() throws Exception {
    String prefix = "pqretyped/";
    put(prefix + "segments/part-0001.parquet", parquet(PARQUET_V1, "u1:s1:10"));
    UUID connection = connect(prefix, DataFormat.PARQUET);
    Imported imported = createThroughApi(connection, prefix, DataFormat.PARQUET, "segments");
    put(
        prefix + "segments/part-0002.parquet",
        ParquetBytes.write(
            "message row { required binary user_id (UTF8); required binary segment (UTF8);"
                + " optional binary amount (UTF8); }",
            CompressionCodecName.UNCOMPRESSED,
            f ->
                List.of(
                    f.newGroup()
                        .append("user_id", "u2")
                        .append("segment", "s2")
                        .append("amount", "lots"))));
    put(
        prefix + "segments/part-0003.parquet",
        ParquetBytes.write(
            "message row { required binary user_id (UTF8); required binary segment (UTF8); }",
            CompressionCodecName.UNCOMPRESSED,
            f -> List.of(f.newGroup().append("user_id", "u3").append("segment", "s3"))));

    JsonNode run = runThroughApi(imported);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("FAILED");
    assertThat(run.path("files").path("loaded").asInt()).isEqualTo(2);
    assertThat(run.path("errors")).hasSize(1);
    assertThat(run.path("errors").get(0).asText())
        .startsWith(
            "s3://"
                + BUCKET
                + "/"
                + prefix
                + "segments/part-0002.parquet has column amount as VARCHAR but the table has it"
                + " as BIGINT")
        .contains("POST /api/v1/imports/" + imported.id() + "/refresh");
    assertThat(rows(imported, "amount")).containsExactly("u1=10", "u3=null");
  }

  /** The columns of the import's PostgreSQL table. */
  private static List<String> tableColumns(Imported imported) throws SQLException {
    return query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = '"
            + targetTable(imported)
            + "' ORDER BY ordinal_position");
  }

  private static String targetTable(Imported imported) {
    return new ImportRepository(database).find(imported.id()).orElseThrow().targetTable();
  }

  /** Every row {@code sql} answers, its values joined with {@code =}; a NULL reads {@code null}. */
  private static List<String> query(String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                database.info().jdbcUrl(), database.info().user(), database.info().password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      List<String> rows = new ArrayList<>();
      while (r.next()) {
        StringJoiner row = new StringJoiner("=");
        for (int i = 1; i <= columns; i++) {
          row.add(r.getString(i));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }
}
