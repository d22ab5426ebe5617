package io.hivewire.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hivewire.apikeys.ApiKeyRepository;
import io.hivewire.apikeys.ApiKeys;
import io.hivewire.cluster.node.NodeRole;
import io.hivewire.config.ConfigKey;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.config.HivewireConfig;
import io.hivewire.config.LocalS3Config;
import io.hivewire.connections.BackgroundWork;
import io.hivewire.connections.ConnectionRepository;
import io.hivewire.connections.ConnectionRoutes;
import io.hivewire.connections.ConnectionService;
import io.hivewire.connections.DiscoverySnapshotRepository;
import io.hivewire.connections.PolicyService;
import io.hivewire.connections.ResyncRepository;
import io.hivewire.connections.SourceAccess;
import io.hivewire.connections.SourceChecks;
import io.hivewire.http.ApiKeyVerifier;
import io.hivewire.http.ApiServer;
import io.hivewire.http.CollectRoleRoutes;
import io.hivewire.http.ServerHealth;
import io.hivewire.imports.ImportRepository;
import io.hivewire.imports.ImportRoutes;
import io.hivewire.imports.ImportSchemaRepository;
import io.hivewire.imports.ImportSchemaRoutes;
import io.hivewire.imports.ImportSchemaService;
import io.hivewire.imports.ImportService;
import io.hivewire.locals3.LocalS3;
import io.hivewire.s3.CallerIdentity;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.source.schema.SchemaReader;
import io.hivewire.store.Database;
import io.hivewire.store.DatabaseInfo;
import io.hivewire.web.Dashboard;
import io.hivewire.web.Sessions;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A running hivewire server: database, optional local S3, background workers and the HTTP API,
 * started in that order and closed in reverse.
 */
public final class HivewireApp implements AutoCloseable {

  /** A dashboard session left unused this long is gone: the user signs in again. */
  static final Duration DASHBOARD_IDLE = Duration.ofMinutes(30);

  private final Deque<AutoCloseable> resources;
  private final Database database;
  private final Optional<LocalS3> localS3;
  private final ApiServer api;
  private final ConnectionService connections;
  private final ImportService imports;
  private final Optional<String> createdApiKey;
  private final ApiKeys apiKeys;
  private final String host;
  private boolean closed;

  private HivewireApp(Builder parts) {
    this.resources = parts.resources;
    this.database = parts.database;
    this.localS3 = parts.localS3;
    this.api = parts.api;
    this.connections = parts.connections;
    this.imports = parts.imports;
    this.createdApiKey = parts.createdApiKey;
    this.apiKeys = parts.apiKeys;
    this.host = parts.host;
  }

  /**
   * Starts every part of the server.
   *
   * @param stores opens an object store for client settings (the AWS SDK one in production)
   */
  public static HivewireApp start(
      HivewireConfig config, Function<S3ClientSettings, ObjectStore> stores, InstantSource clock) {
    return start(config, stores, Optional.empty(), clock);
  }

  /**
   * Starts every part of the server; {@code callerIdentity} replaces the STS lookup of hivewire's
   * own identity for generated bucket policies.
   */
  public static HivewireApp start(
      HivewireConfig config,
      Function<S3ClientSettings, ObjectStore> stores,
      Optional<CallerIdentity> callerIdentity,
      InstantSource clock) {
    Objects.requireNonNull(config, "config is null");
    Objects.requireNonNull(stores, "stores is null");
    Objects.requireNonNull(clock, "clock is null");
    Builder parts = new Builder();
    boolean started = false;
    try {
      parts.keep(DataDirLock.acquire(config.dataDir(), Optional.of("or use its HTTP API instead")));
      checkPorts(config);
      parts.database = parts.keep(Database.open(config.database(), config.dataDir()));
      PrometheusMeterRegistry registry = metrics();
      ClusterParts cluster = parts.keep(ClusterParts.start(config, parts.database, registry));
      parts.localS3 = startLocalS3(config, parts);
      Optional<S3ClientSettings.Credentials.Static> localKeys =
          parts.localS3.map(
              s3 -> new S3ClientSettings.Credentials.Static(s3.accessKey(), s3.secretKey()));
      SourceAccess access = new SourceAccess(config.source(), localKeys, stores);
      SourceChecks checks =
          new SourceChecks(
              access,
              store -> new SchemaReader(store)::readSchema,
              config.work().discoveryParallelism());
      BackgroundWork background =
          parts.keep(
              new BackgroundWork(
                  config.work().validationWorkers(), config.work().validationQueue()));
      ImportSchemaService importSchemas =
          new ImportSchemaService(
              new ImportRepository(parts.database),
              new ImportSchemaRepository(parts.database),
              new ConnectionRepository(parts.database),
              new DiscoverySnapshotRepository(parts.database),
              access,
              clock);
      parts.connections =
          new ConnectionService(
              new ConnectionService.Repositories(
                  new ConnectionRepository(parts.database),
                  new DiscoverySnapshotRepository(parts.database),
                  new ResyncRepository(parts.database)),
              checks,
              background,
              clock,
              importSchemas,
              cluster.leases(),
              cluster.has(NodeRole.WORK));
      if (cluster.has(NodeRole.WORK)) {
        cluster.everyPoll(
            "claiming waiting connection checks and resyncs", parts.connections::claimWaiting);
      }
      ApiKeys keys = new ApiKeys(new ApiKeyRepository(parts.database), clock);
      parts.apiKeys = keys;
      ObjectMapper json = json();
      Database database = parts.database;
      ServerHealth nodeHealth =
          new ServerHealth(
                  database::status,
                  database.info().embedded() ? "embedded PostgreSQL" : "external PostgreSQL",
                  parts.localS3.map(s3 -> s3.endpoint().toString()))
              .withNode(cluster::status);
      CollectionParts collection =
          parts.keep(
              CollectionParts.start(
                  config,
                  database,
                  keys,
                  json,
                  registry,
                  stores,
                  cluster.id(),
                  cluster::snapshotTurn,
                  clock));
      ServerHealth health = nodeHealth.withRouting(collection.destinations()::routedPartitions);
      cluster.everyPoll(
          "following routing destinations changed on other nodes",
          collection.destinations()::followStoredChanges);
      List<ApiServer.Routes> routes = new ArrayList<>();
      if (!cluster.has(NodeRole.COLLECT)) {
        routes.add(new CollectRoleRoutes(cluster.roles()));
      }
      PolicyService policies =
          new PolicyService(
              config.source(), callerIdentity.orElseGet(access::callerIdentity), clock);
      routes.add(new ConnectionRoutes(parts.connections, policies, json));
      routes.addAll(collection.routes());
      parts.imports =
          parts.keep(
              ImportParts.start(
                  config, database, importSchemas, access, registry, cluster.leases(), clock));
      routes.add(new ImportRoutes(parts.imports, json));
      routes.add(new ImportSchemaRoutes(importSchemas, json));
      routes.add(
          new Dashboard(
              new Sessions(DASHBOARD_IDLE, clock),
              new Dashboard.Services(
                  parts.connections,
                  policies,
                  keys,
                  parts.imports,
                  collection.destinations(),
                  collection.segments(),
                  importSchemas),
              config.http().trustForwardedHeaders()));
      parts.api =
          parts.keep(
              ApiServer.start(
                  config.http(), json, HivewireApp.apiKeyVerifier(keys), health, registry, routes));
      parts.host = config.http().host();
      // Last, so that a start failing before it cannot store a first admin key nobody was shown.
      parts.createdApiKey = keys.ensureAdminKey(config.apiKey());
      started = true;
      HivewireApp app = new HivewireApp(parts);
      // When the JVM stops, every part closes before the database, so their final writes (totals,
      // leases, import runs) reach it.
      parts.database.atExitFirst(app::close);
      return app;
    } finally {
      if (!started) {
        closeAll(parts.resources, new IllegalStateException("hivewire did not start"));
      }
    }
  }

  /** Fails fast, before the database starts, when a configured port is taken. */
  private static void checkPorts(HivewireConfig config) {
    PortCheck.requireFree(
        config.http().host(), config.http().port(), "the HTTP API", ConfigKey.HTTP_PORT, "--port");
    if (config.database() instanceof DatabaseConfig.Embedded embedded) {
      checkEmbeddedDatabasePort(embedded);
    }
    if (config.localS3().enabled()) {
      PortCheck.requireFree(
          "127.0.0.1",
          config.localS3().port(),
          "the local S3",
          ConfigKey.LOCAL_S3_PORT,
          "--local-s3-port");
    }
  }

  /** Fails fast when the embedded PostgreSQL's configured port is taken. */
  public static void checkEmbeddedDatabasePort(DatabaseConfig.Embedded embedded) {
    PortCheck.requireFree(
        "localhost",
        embedded.port(),
        "the embedded PostgreSQL",
        ConfigKey.DB_EMBEDDED_PORT,
        "--db-port");
  }

  /** The HTTP API's key check, answered by the issued API keys. */
  public static ApiKeyVerifier apiKeyVerifier(ApiKeys keys) {
    Objects.requireNonNull(keys, "keys is null");
    return new ApiKeyVerifier() {
      @Override
      public boolean isValid(String presented) {
        return keys.isValid(presented);
      }

      @Override
      public boolean isAdmin(String presented) {
        return keys.allows(presented, ApiKeys.ADMIN_SCOPE);
      }
    };
  }

  private static Optional<LocalS3> startLocalS3(HivewireConfig config, Builder parts) {
    LocalS3Config local = config.localS3();
    if (!local.enabled()) {
      return Optional.empty();
    }
    return Optional.of(
        parts.keep(
            LocalS3.start(
                LocalS3.Settings.onDisk(
                    config.dataDir().resolve("s3"),
                    local.port(),
                    local.accessKey(),
                    local.secretKey().value()))));
  }

  private static ObjectMapper json() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  private static PrometheusMeterRegistry metrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /** The base URL of the HTTP API, e.g. {@code http://127.0.0.1:8080}. */
  public URI baseUrl() {
    String shownHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return URI.create("http://" + shownHost + ":" + api.port());
  }

  public int httpPort() {
    return api.port();
  }

  /** The endpoints the HTTP server registered, as the OpenAPI contract test compares them. */
  public List<ApiServer.Route> routes() {
    return api.routes();
  }

  /** The admin key created at this start (first start without HIVEWIRE_API_KEY), shown once. */
  public Optional<String> createdApiKey() {
    return createdApiKey;
  }

  /** The API keys (the demo issues its own through them). */
  public ApiKeys apiKeys() {
    return apiKeys;
  }

  public DatabaseInfo database() {
    return database.info();
  }

  public Optional<LocalS3> localS3() {
    return localS3;
  }

  public ConnectionService connections() {
    return connections;
  }

  public ImportService imports() {
    return imports;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    database.closing();
    RuntimeException failure = new IllegalStateException("stopping hivewire failed");
    closeAll(resources, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  private static void closeAll(Deque<AutoCloseable> resources, RuntimeException failure) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** The parts while they start; whatever started is closed if a later part fails. */
  private static final class Builder {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Database database;
    private Optional<LocalS3> localS3 = Optional.empty();
    private ApiServer api;
    private ConnectionService connections;
    private ImportService imports;
    private Optional<String> createdApiKey = Optional.empty();
    private ApiKeys apiKeys;
    private String host;

    <T extends AutoCloseable> T keep(T resource) {
      resources.push(resource);
      return resource;
    }
  }
}
